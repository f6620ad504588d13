-- Headless Neovim (>= 0.7) as dockopt's language-server client, for lsp/nvim_test.go.
-- Environment: DOCKOPT_NVIM_SERVER (the server command, JSON array), DOCKOPT_NVIM_FILE (the
-- Dockerfile to open), DOCKOPT_NVIM_LOG (where the steps are written, one per line).
-- It opens the file, waits for dockopt's diagnostics, applies the preferred quick fix of the
-- DO101 diagnostic, waits for the new diagnostics, applies "fix all safe", writes the file
-- and quits; any failure exits with code 1 after logging it.
local log = assert(io.open(os.getenv('DOCKOPT_NVIM_LOG'), 'w'))
local function say(...) log:write(table.concat({...}, ' '), '\n') log:flush() end

local function run()
  local cmd = vim.fn.json_decode(os.getenv('DOCKOPT_NVIM_SERVER'))
  local file = os.getenv('DOCKOPT_NVIM_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({ name = 'dockopt', cmd = cmd, root_dir = vim.fn.fnamemodify(file, ':h') })
  assert(id, 'the language server did not start')
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  local function diagnostics()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(out, d)
    end
    return out
  end
  assert(vim.wait(20000, function() return #diagnostics() > 0 end, 50), 'no diagnostics within 20 s')
  local target
  for _, d in ipairs(diagnostics()) do
    say('diagnostic', tostring(d.code), tostring(d.lnum + 1), d.message)
    if d.code == 'DO101' then target = d end
  end
  assert(target, 'no DO101 diagnostic')

  local function actions(line)
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(buf),
      range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, line) },
    }
    local res, err = client.request_sync('textDocument/codeAction', params, 10000, buf)
    assert(res and not res.err, 'codeAction failed: ' .. vim.inspect(err or (res and res.err)))
    return res.result or {}
  end

  local quick
  for _, a in ipairs(actions(target.lnum)) do
    say('action', a.title, tostring(a.isPreferred))
    if a.isPreferred and a.title:match('^DO101 ') then quick = a end
  end
  assert(quick, 'no preferred DO101 quick fix')
  vim.lsp.util.apply_workspace_edit(quick.edit, client.offset_encoding or 'utf-16')
  say('applied', quick.title)
  -- the change reaches the server; its new diagnostics no longer hold DO101
  assert(vim.wait(20000, function()
    local ds = diagnostics()
    for _, d in ipairs(ds) do if d.code == 'DO101' then return false end end
    return #ds > 0
  end, 50), 'DO101 still reported after its fix')

  local all
  for _, a in ipairs(actions(0)) do
    if a.kind == 'source.fixAll.dockopt' then all = a end
  end
  assert(all, 'no fix-all action')
  vim.lsp.util.apply_workspace_edit(all.edit, client.offset_encoding or 'utf-16')
  say('applied', all.title)
  vim.cmd('write')
  say('written')
end

-- after start-up, when the event loop runs (vim.wait needs it to receive the server's messages)
vim.api.nvim_create_autocmd('VimEnter', { once = true, callback = function()
  local ok, err = pcall(run)
  if not ok then
    say('error', tostring(err))
    log:close()
    vim.cmd('cquit 1')
  end
  log:close()
  vim.cmd('qall!')
end })
