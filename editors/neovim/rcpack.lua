-- rcpack lsp for YAML files: add this to your init.lua (Neovim 0.7 or later).
local config = { name = "rcpack", cmd = { "rcpack", "lsp" } }
local client -- Neovim 0.7 has no vim.lsp.start: one client is started, and shared, by hand
vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    if vim.lsp.start then
      vim.lsp.start(config, { bufnr = args.buf })
      return
    end
    if client == nil or vim.lsp.client_is_stopped(client) then
      client = vim.lsp.start_client(config)
    end
    vim.lsp.buf_attach_client(args.buf, client)
  end,
})
