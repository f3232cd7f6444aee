"""The checks: one module per family of rules, and `run.check_site` over them all."""
