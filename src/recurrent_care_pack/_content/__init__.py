"""Content: files read, checked against the schema, merged, built and checked for meaning."""
