"""Other formats in and out, one module each: pabulib `.pb` files (`pabulib`: read, imported
as a round, written back), synthetic rounds (`synth`), scoring-sheet templates for evaluators
(`score_template`), and the one TOML writer (`toml`); with the plumbing every written file
goes through: atomic writes, CSV and JSON text, XLSX saving (`files`) and result folders
(`folder`)."""
