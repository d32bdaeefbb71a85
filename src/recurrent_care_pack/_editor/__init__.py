"""The language server, rcpack lsp: every rcpack check, and the pack's meaning, while typing."""
