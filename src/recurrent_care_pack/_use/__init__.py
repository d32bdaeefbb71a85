"""Use: questions about a pack (items, times, materials) and plans with clock times."""
