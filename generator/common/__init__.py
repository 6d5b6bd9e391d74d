"""What every stage may use: today's date and the files the package carries."""
