"""Output: reports of problems, text tables, the summary, and handouts in four formats."""
