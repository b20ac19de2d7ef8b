"""Analyses of solved scenarios: compare, explain, frontier, robustness, calibrate."""
