"""teeter's rules, free of any UI or database: ratings, days, durations, the check-in,
balance analysis and spacing. Nothing here imports Textual or SQLAlchemy (a test checks)."""
