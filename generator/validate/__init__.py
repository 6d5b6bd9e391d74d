"""Stage 2, validation: schema checks, the accuracy rules, problems and their formats."""
