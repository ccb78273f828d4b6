"""Demo content for `make run`: idempotent, built from each domain's own seeder."""
