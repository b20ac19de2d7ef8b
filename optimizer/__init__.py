"""grantopt: award selection for public grant programmes as an integer program."""

__version__ = "0.1.0"
