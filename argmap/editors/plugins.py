"""Editor plugins and configurations, generated: VS Code, Neovim, Helix, Emacs and Vim.

Each editor gets a set of files (relative path to text). They are generated rather than shipped
as templates so that keywords come from the lark grammar, the TextMate grammar from
:mod:`argmap.editors.textmate`, and nothing needs package data. Every editor starts the same
server, ``argmap lsp``, and formats with ``argmap fmt``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from argmap.editors.textmate import SCOPE, grammar_json, keywords
from argmap.version import __version__

__all__ = ["EDITORS", "REPOSITORY", "VSCODE_DEV_DEPENDENCIES", "files", "vsix_name"]

LANGUAGE = "argmap"
SERVER = ["argmap", "lsp"]


def _keyword_groups() -> tuple[list[str], list[str], list[str]]:
    table = keywords()
    statements = [table[n] for n in ("TITLE", "SOURCE", "CONCLUSION", "CLAIM", "IMPLICIT")]
    groups = [table[n] for n in ("REASON", "OBJECTION", "REBUTTAL")]
    targets = [table[n] for n in ("FOR", "TO")]
    return statements, groups, targets


# VS Code ---------------------------------------------------------------------------------------

_EXTENSION_JS = """\
// The argmap extension: starts `argmap lsp` and shows the map as a diagram beside the editor.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("argmap");
  const [command, ...args] = settings.get("server.command", ["argmap", "lsp"]);
  const serverOptions = { command, args };
  const clientOptions = { documentSelector: [{ language: "argmap" }] };
  client = new LanguageClient("argmap", "argmap", serverOptions, clientOptions);
  client.start();

  context.subscriptions.push(
    vscode.commands.registerCommand("argmap.preview", () => showPreview(context))
  );
}

async function showPreview(context) {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== "argmap") {
    vscode.window.showInformationMessage("Open an .arg map to preview it.");
    return;
  }
  const uri = editor.document.uri.toString();
  const panel = vscode.window.createWebviewPanel(
    "argmapPreview",
    "Map: " + editor.document.fileName.split(/[\\\\/]/).pop(),
    vscode.ViewColumn.Beside,
    { enableScripts: false }
  );
  const refresh = async () => {
    try {
      const svg = await client.sendRequest("workspace/executeCommand", {
        command: "argmap.renderSvg",
        arguments: [uri],
      });
      // The SVG goes in as an image, so nothing in it can run: no scripts, no markup of ours.
      const data = Buffer.from(svg, "utf8").toString("base64");
      panel.webview.html =
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" ' +
        "content=\\"default-src 'none'; img-src data:; " +
        // The one style, allowed by its hash: the map scales down to the panel's width.
        "style-src 'sha256-f2ZvFbDSqbquk/eElmCtkXSy/FNVHA3q/k/tpBYPBx0=';\\">" +
        "<style>img{max-width:100%;height:auto}</style></head><body>" +
        '<img alt="argument map" src="data:image/svg+xml;base64,' + data + '"></body></html>';
    } catch (error) {
      panel.webview.html = "<p>The map cannot be drawn now.</p>";
    }
  };
  await refresh();
  const watcher = vscode.workspace.onDidSaveTextDocument((document) => {
    if (document.uri.toString() === uri) {
      refresh();
    }
  });
  panel.onDidDispose(() => watcher.dispose(), null, context.subscriptions);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
"""

_VSCODE_README = """\
# argmap for VS Code

Highlighting, diagnostics, hover, go to definition, references, rename, completion, outline,
formatting and quick fixes for `.arg` argument maps, from argmap's language server.

1. Install argmap so that `argmap lsp` runs in a terminal (`pip install argmap`).
2. Build the extension: `argmap editor vscode --vsix` (or, in this folder, `npm install` then
   `npm run package`), and install it: `code --install-extension argmap-@VERSION@.vsix`.

Setting `argmap.server.command` (default `["argmap", "lsp"]`) says how to start the server, for
example `["/path/to/venv/bin/argmap", "lsp"]`. The command "argmap: Show the map" opens a diagram
of the map beside the editor (refreshed on save).
"""

# The extension is bundled into one file (the language client included), so the .vsix holds no
# node_modules; these are the tools and the client, at the versions tests/vscode pins.
VSCODE_DEV_DEPENDENCIES = {
    "@vscode/vsce": "3.9.2",
    "esbuild": "0.28.2",
    "vscode-languageclient": "9.0.1",
}

_BUNDLE = (
    "esbuild extension.js --bundle --platform=node --format=cjs --target=node18"
    " --external:vscode --minify --outfile=dist/extension.js"
)

_VSCODEIGNORE = """\
# What the .vsix leaves out: everything but package.json, the bundle, the grammar, the language
# configuration, README.md and LICENSE.
**
!package.json
!dist/extension.js
!syntaxes/argmap.tmLanguage.json
!language-configuration.json
!README.md
!LICENSE
"""

_MIT = """\
MIT License

Copyright (c) 2026 The argmap developers

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

REPOSITORY = "https://github.com/argmap/argmap"


def vsix_name() -> str:
    """The file name ``npm run package`` gives the extension."""
    return f"argmap-{__version__}.vsix"


def _vscode() -> dict[str, str]:
    package = {
        "name": "argmap",
        "displayName": "argmap",
        "description": "Argument maps as plain text: checked as you type, drawn beside the editor.",
        "version": __version__,
        "publisher": "argmap",
        "license": "MIT",
        "repository": {"type": "git", "url": REPOSITORY},
        "engines": {"vscode": "^1.82.0"},
        "categories": ["Programming Languages", "Linters", "Formatters"],
        "main": "./dist/extension.js",
        "activationEvents": [f"onLanguage:{LANGUAGE}"],
        "contributes": {
            "languages": [
                {
                    "id": LANGUAGE,
                    "aliases": ["argmap", "Argument map"],
                    "extensions": [".arg"],
                    "configuration": "./language-configuration.json",
                }
            ],
            "grammars": [
                {
                    "language": LANGUAGE,
                    "scopeName": SCOPE,
                    "path": "./syntaxes/argmap.tmLanguage.json",
                }
            ],
            "commands": [{"command": "argmap.preview", "title": "argmap: Show the map"}],
            "configuration": {
                "title": "argmap",
                "properties": {
                    "argmap.server.command": {
                        "type": "array",
                        "items": {"type": "string"},
                        "default": SERVER,
                        "description": "The command that starts argmap's language server.",
                    }
                },
            },
        },
        "scripts": {
            "vscode:prepublish": _BUNDLE,
            "package": f"vsce package --out {vsix_name()}",
        },
        "devDependencies": VSCODE_DEV_DEPENDENCIES,
    }
    configuration = {
        "comments": {"lineComment": "#"},
        "brackets": [["[", "]"]],
        "autoClosingPairs": [{"open": "[", "close": "]"}],
        "surroundingPairs": [["[", "]"]],
        "indentationRules": {
            "increaseIndentPattern": r"^\s*(reason|objection|rebuttal)\b.*:\s*(#.*)?$",
            "decreaseIndentPattern": r"^\s*$^",
        },
        "onEnterRules": [
            {
                "beforeText": r"^\s*(reason|objection|rebuttal)\b.*:\s*$",
                "action": {"indent": "indent"},
            }
        ],
        "wordPattern": r"[^\s\[\]@:,#]+",
    }
    return {
        "argmap-vscode/package.json": json.dumps(package, indent=2) + "\n",
        "argmap-vscode/language-configuration.json": json.dumps(configuration, indent=2) + "\n",
        "argmap-vscode/syntaxes/argmap.tmLanguage.json": grammar_json(),
        "argmap-vscode/extension.js": _EXTENSION_JS,
        "argmap-vscode/README.md": _VSCODE_README.replace("@VERSION@", __version__),
        "argmap-vscode/LICENSE": _MIT,
        "argmap-vscode/.vscodeignore": _VSCODEIGNORE,
    }


# Vim and Neovim --------------------------------------------------------------------------------


def _vim_syntax() -> str:
    statements, groups, targets = _keyword_groups()
    return (
        _VIM_SYNTAX.replace("@STATEMENTS@", r"\|".join(statements))
        .replace("@GROUPS@", r"\|".join(groups))
        .replace("@TARGETS@", r"\|".join(targets))
    )


_VIM_SYNTAX = r"""" Vim syntax file for argmap maps (.arg). Generated by `argmap editor vim`.
if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

" The text of a statement runs to the end of its line, and on over the next line while a line
" ends in a backslash (an escaped backslash, `\\`, does not continue it).
syntax region argmapText start=/\S/ skip=/\\\\\|\\$/ end=/$/ contained keepend
      \ contains=argmapEscape,argmapContinuation,argmapSources,argmapComment
syntax match argmapComment /^\s*#.*$/ contains=@Spell
syntax match argmapComment /\s\zs#\ze\(\s\|$\).*$/ contained contains=@Spell
syntax match argmapEscape /\\[\\\[\]#@]/ contained
syntax match argmapContinuation /\\$/ contained
syntax match argmapSources
      \ /\[\s*\h[[:alnum:]_-]*\(\s*,\s*\h[[:alnum:]_-]*\)*\s*\]\ze\s*\(\s#.*\)\=$/ contained
syntax match argmapColon /:/ contained nextgroup=argmapText skipwhite
syntax match argmapId /\h[[:alnum:]_-]*\ze\s*:/ contained nextgroup=argmapColon skipwhite
syntax match argmapId /^\s*\zs\h[[:alnum:]_-]*\ze\s*:/ nextgroup=argmapColon skipwhite
" After the bare `id:` above, so that a keyword (`title:`, `conclusion c:`) wins.
syntax match argmapStatement /^\s*\<\(@STATEMENTS@\)\>/ nextgroup=argmapId,argmapColon skipwhite
syntax match argmapDash /^\s*\zs-\ze\(\s\|$\)/ nextgroup=argmapText skipwhite
syntax match argmapGroup /^\s*\<\(@GROUPS@\)\>.*:\s*\(#.*\)\=$/
      \ contains=argmapGroupKeyword,argmapGroupId,argmapTarget,argmapGroupSources,argmapComment
syntax match argmapGroupKeyword /^\s*\zs\<\(@GROUPS@\)\>/ contained
syntax match argmapGroupId /\(\<\(@GROUPS@\)\s\+\)\@<=\(\(@TARGETS@\)\>\)\@!\h[[:alnum:]_-]*/
      \ contained
syntax match argmapTarget /\<\(@TARGETS@\)\>/ contained nextgroup=argmapTargetId skipwhite
syntax match argmapTargetId /\h[[:alnum:]_-]*/ contained
syntax match argmapGroupSources /\[[^\]]*\]/ contained
syntax match argmapReuse /^\s*\zs@\s*\h[[:alnum:]_-]*/

" A statement's text may start lines above (continuation lines): colour from the top.
syntax sync fromstart

highlight default link argmapComment Comment
highlight default link argmapText String
highlight default link argmapEscape SpecialChar
highlight default link argmapContinuation Special
highlight default link argmapStatement Keyword
highlight default link argmapColon Delimiter
highlight default link argmapGroupKeyword Statement
highlight default link argmapGroupId Function
highlight default link argmapTarget Operator
highlight default link argmapTargetId Identifier
highlight default link argmapId Identifier
highlight default link argmapDash Delimiter
highlight default link argmapReuse Identifier
highlight default link argmapSources Type
highlight default link argmapGroupSources Type

let b:current_syntax = "argmap"
let &cpo = s:cpo_save
unlet s:cpo_save
"""


_VIM_FTDETECT = """\
" Detect argmap maps. Generated by `argmap editor vim`.
" `set filetype`, not `setfiletype`: a map's `#` comments must not leave it as `conf`.
autocmd BufRead,BufNewFile *.arg set filetype=argmap
"""

_VIM_FTPLUGIN = """\
" Settings for argmap maps. Generated by `argmap editor vim`.
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal commentstring=#\\ %s comments=:#
" `gq` formats the whole map with `argmap fmt -` (a part of a map is not a map); on a map with
" syntax errors the buffer stays as it was and the errors are shown. `:ArgmapFormat` does the same.
setlocal formatexpr=argmap#formatexpr()
command! -buffer -bar ArgmapFormat call argmap#format()
let b:undo_ftplugin = "setlocal expandtab< shiftwidth< softtabstop<"
      \\ . " commentstring< comments< formatexpr< | delcommand ArgmapFormat"
"""

_VIM_INDENT = """\
" Indentation for argmap maps. Generated by `argmap editor vim`.
" In a map, indentation is meaning: it says what supports what. So `=` never moves a line that
" has text; a new line starts under the line above, one level deeper after a group's `:`, and
" two levels deeper after a line that ends in a backslash (the formatter's continuation).
if exists("b:did_indent")
  finish
endif
let b:did_indent = 1
setlocal indentexpr=argmap#indent(v:lnum) indentkeys=o,O autoindent
let b:undo_indent = "setlocal indentexpr< indentkeys< autoindent<"
"""

_VIM_AUTOLOAD = r"""" Formatting and indentation for argmap maps. Generated by `argmap editor vim`.

" The command that runs argmap; set g:argmap_command to a full path if argmap is not on $PATH.
function! s:command() abort
  return get(g:, 'argmap_command', 'argmap')
endfunction

" 'formatexpr': `gq` over any lines formats the whole map. Typing (insert mode) keeps Vim's
" own wrapping.
function! argmap#formatexpr() abort
  if mode() =~# '[iR]'
    return 1
  endif
  call argmap#format()
  return 0
endfunction

" Format the buffer with `argmap fmt -`, reading its standard output only. On failure the buffer
" is left exactly as it was and argmap's messages are shown.
function! argmap#format() abort
  let l:errors = tempname()
  let l:input = join(getline(1, '$'), "\n") . "\n"
  let l:output = systemlist(shellescape(s:command()) . ' fmt - 2>' . shellescape(l:errors), l:input)
  let l:status = v:shell_error
  let l:messages = filereadable(l:errors) ? readfile(l:errors) : []
  call delete(l:errors)
  if l:status != 0
    echohl ErrorMsg
    echomsg 'argmap fmt: the map was not changed (exit status ' . l:status . ')'
    for l:line in l:messages[:9]
      echomsg l:line
    endfor
    echohl None
    return 1
  endif
  if l:output ==# getline(1, '$')
    return 0
  endif
  let l:view = winsaveview()
  call setline(1, l:output)
  if line('$') > len(l:output)
    silent execute (len(l:output) + 1) . ',$delete _'
  endif
  call winrestview(l:view)
  return 0
endfunction

" 'indentexpr': a line with text keeps its indentation; an empty line gets the indentation a new
" line would have under the previous line that has text.
function! argmap#indent(lnum) abort
  if getline(a:lnum) =~# '\S'
    return indent(a:lnum)
  endif
  let l:above = prevnonblank(a:lnum - 1)
  if l:above == 0
    return 0
  endif
  let l:text = getline(l:above)
  let l:start = l:above
  while l:start > 1 && getline(l:start - 1) =~# '\%(^\|[^\\]\)\%(\\\\\)*\\$'
    let l:start -= 1
  endwhile
  if l:text =~# '\%(^\|[^\\]\)\%(\\\\\)*\\$'
    return indent(l:start) + (l:start == l:above ? 2 * shiftwidth() : 0)
  endif
  if l:start == l:above && l:text =~# '^\s*\%(reason\|objection\|rebuttal\)\>.*:\s*\%(#.*\)\=$'
    return indent(l:above) + shiftwidth()
  endif
  return indent(l:start)
endfunction
"""

_VIM_ALE = """\
" ALE: argmap's language server as a linter for argmap maps (diagnostics, and ALE's :ALEHover,
" :ALEGoToDefinition, completion). Generated by `argmap editor vim`. ALE loads this file itself
" when this folder is on 'runtimepath'.
call ale#linter#Define('argmap', {
\\   'name': 'argmap',
\\   'lsp': 'stdio',
\\   'executable': {buffer -> get(g:, 'argmap_command', 'argmap')},
\\   'command': '%e lsp',
\\   'project_root': {buffer -> fnamemodify(bufname(buffer), ':p:h')},
\\})
"""

_VIM_LSP = """\
" vim-lsp: argmap's language server for argmap maps. Generated by `argmap editor vim`.
" Does nothing unless vim-lsp (https://github.com/prabirshrestha/vim-lsp) is installed.
augroup argmap_vim_lsp
  autocmd!
  autocmd User lsp_setup call lsp#register_server({
        \\ 'name': 'argmap',
        \\ 'cmd': {server_info -> [get(g:, 'argmap_command', 'argmap'), 'lsp']},
        \\ 'allowlist': ['argmap'],
        \\ })
augroup END
"""


def _vim_common() -> dict[str, str]:
    return {
        "ftdetect/argmap.vim": _VIM_FTDETECT,
        "ftplugin/argmap.vim": _VIM_FTPLUGIN,
        "indent/argmap.vim": _VIM_INDENT,
        "autoload/argmap.vim": _VIM_AUTOLOAD,
        "syntax/argmap.vim": _vim_syntax(),
    }


def _vim() -> dict[str, str]:
    common = {f"vim/{path}": text for path, text in _vim_common().items()}
    return {
        **common,
        "vim/ale_linters/argmap/argmap.vim": _VIM_ALE,
        "vim/plugin/argmap_lsp.vim": _VIM_LSP,
    }


_NEOVIM_LUA = """\
-- argmap for Neovim: argmap's language server for argmap maps. Generated by
-- `argmap editor neovim`. Put the folder this file is in on 'runtimepath'.
-- The filetype, colours, indentation and `gq` come from ftdetect/, syntax/, indent/, ftplugin/
-- and autoload/, which work on every Neovim; the language server needs Neovim 0.8 or later.
if vim.fn.has("nvim-0.8") == 0 then
  local version = vim.version()
  vim.api.nvim_echo({ {
    string.format(
      "argmap: the language server needs Neovim 0.8 or later; this is %d.%d.%d. "
        .. "Colours, indentation and gq work without it.",
      version.major, version.minor, version.patch
    ),
    "WarningMsg",
  } }, true, {})
  return
end

vim.filetype.add({ extension = { arg = "argmap" } })

local group = vim.api.nvim_create_augroup("argmap", { clear = true })

vim.api.nvim_create_autocmd("FileType", {
  group = group,
  pattern = "argmap",
  callback = function(args)
    local file = vim.api.nvim_buf_get_name(args.buf)
    local folder = vim.fs.dirname(file)
    local marker = vim.fs.find({ ".git" }, { upward = true, path = folder })[1]
    vim.lsp.start({
      name = "argmap",
      cmd = { vim.g.argmap_command or "argmap", "lsp" },
      root_dir = marker and vim.fs.dirname(marker) or folder,
    }, { bufnr = args.buf })
  end,
})
"""


def _neovim() -> dict[str, str]:
    common = {f"nvim/{path}": text for path, text in _vim_common().items()}
    return {**common, "nvim/plugin/argmap.lua": _NEOVIM_LUA}


# Helix ------------------------------------------------------------------------------------------

_HELIX = """\
# argmap for Helix: merge into ~/.config/helix/languages.toml. Generated by `argmap editor helix`.
# Helix colours code with tree-sitter grammars, and argmap has none yet: this gives diagnostics,
# hover, navigation, rename, completion, symbols and formatting, without syntax colours.

[language-server.argmap]
command = "argmap"
args = ["lsp"]

[[language]]
name = "argmap"
scope = "source.arg"
file-types = ["arg"]
roots = [".git"]
comment-token = "#"
indent = { tab-width = 2, unit = "  " }
language-servers = ["argmap"]
formatter = { command = "argmap", args = ["fmt", "-"] }
auto-format = false
"""


def _helix() -> dict[str, str]:
    return {"helix/languages.toml": _HELIX}


# Emacs ------------------------------------------------------------------------------------------


def _emacs() -> dict[str, str]:
    statements, groups, targets = _keyword_groups()

    def words(items: list[str]) -> str:
        return " ".join(f'"{w}"' for w in items)

    text = (
        _EMACS.replace("@VERSION@", __version__)
        .replace("@STATEMENTS@", words(statements))
        .replace("@GROUPS@", words(groups))
        .replace("@TARGETS@", words(targets))
    )
    return {"emacs/argmap-mode.el": text}


_EMACS = r""";;; argmap-mode.el --- Major mode for argmap argument maps  -*- lexical-binding: t; -*-

;; Version: @VERSION@
;; Package-Requires: ((emacs "28.1"))
;; Keywords: languages
;; Generated by `argmap editor emacs'.

;;; Commentary:

;; Highlighting and indentation settings for .arg maps, and argmap's language server
;; (`argmap lsp') for Eglot: diagnostics, hover, xref, rename, completion, imenu, formatting.
;; Put this file on `load-path' and add (require 'argmap-mode) to your init file, and
;; (add-hook 'argmap-mode-hook #'argmap-eglot-ensure) for the server. Eglot is built into
;; Emacs 29; on Emacs 28 install it first (M-x package-install RET eglot, or Debian's elpa-eglot).

;;; Code:

(defgroup argmap nil
  "Argument maps as plain text."
  :group 'languages)

(defface argmap-escape
  `((t :inherit ,(if (facep 'font-lock-escape-face)
                     'font-lock-escape-face
                   'font-lock-regexp-grouping-backslash)))
  "Face for escapes such as \\[ and \\# in the text of a map."
  :group 'argmap)

(defconst argmap-mode--statement-keywords '(@STATEMENTS@))
(defconst argmap-mode--group-keywords '(@GROUPS@))
(defconst argmap-mode--target-keywords '(@TARGETS@))
(defconst argmap-mode--id "[[:alpha:]_][[:alnum:]_-]*")

(defconst argmap-mode--font-lock
  `((,(concat "^[ \t]*" (regexp-opt argmap-mode--statement-keywords 'words))
     . font-lock-keyword-face)
    (,(concat "^[ \t]*" (regexp-opt argmap-mode--group-keywords 'words)
              "\\(?:[ \t]+\\(" argmap-mode--id "\\)\\)?")
     (1 font-lock-keyword-face)
     (2 (unless (member (match-string 2) argmap-mode--target-keywords)
          'font-lock-function-name-face)
        nil t))
    (,(concat "^[ \t]*" (regexp-opt argmap-mode--group-keywords 'words) ".*?"
              (regexp-opt argmap-mode--target-keywords 'words) "[ \t]+\\(" argmap-mode--id "\\)")
     (2 font-lock-builtin-face) (3 font-lock-variable-name-face))
    (,(concat "^[ \t]*\\(?:" (regexp-opt argmap-mode--statement-keywords) "[ \t]+\\)?\\("
              argmap-mode--id "\\)[ \t]*:")
     1 font-lock-variable-name-face)
    ("^[ \t]*\\(-\\)\\(?:[ \t]\\|$\\)" 1 font-lock-builtin-face)
    (,(concat "^[ \t]*@[ \t]*\\(" argmap-mode--id "\\)") 1 font-lock-constant-face)
    ("\\\\[][\\#@]" 0 'argmap-escape prepend)
    (,(concat "\\[[ \t]*" argmap-mode--id "\\(?:[ \t]*,[ \t]*" argmap-mode--id "\\)*[ \t]*]"
              "[ \t]*:?[ \t]*$")
     . font-lock-type-face))
  "Highlighting for `argmap-mode'.")

(defvar argmap-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; `#' starts a comment only at the start of a line or after a space (see
    ;; `argmap-mode--syntax-propertize'): in `C#' and `#1' it is text.
    (modify-syntax-entry ?# "." table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?\\ "\\" table)
    table)
  "Syntax table for `argmap-mode'.")

(defconst argmap-mode--syntax-propertize
  (syntax-propertize-rules
   ("^[ \t]*\\(#\\)" (1 "<"))
   ("[ \t]\\(#\\)\\(?:[ \t]\\|$\\)" (1 "<")))
  "Mark the `#' that start comments.")

;;;###autoload
(define-derived-mode argmap-mode prog-mode "argmap"
  "Major mode for argmap argument maps."
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "\\(?:^\\|[ \t]\\)#+[ \t]*")
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 2)
  (setq-local syntax-propertize-function argmap-mode--syntax-propertize)
  (setq-local font-lock-defaults '(argmap-mode--font-lock)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.arg\\'" . argmap-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(argmap-mode . ("argmap" "lsp"))))

;;;###autoload
(defun argmap-eglot-ensure ()
  "Start argmap's language server with Eglot, or say how to get Eglot if it is missing."
  (if (require 'eglot nil t)
      (eglot-ensure)
    (message "argmap: Eglot is not installed; on Emacs 28: M-x package-install RET eglot")))

(provide 'argmap-mode)

;;; argmap-mode.el ends here
"""


EDITORS: dict[str, Callable[[], dict[str, str]]] = {
    "vscode": _vscode,
    "neovim": _neovim,
    "helix": _helix,
    "emacs": _emacs,
    "vim": _vim,
}


def files(editor: str) -> dict[str, str]:
    """The files for one editor: relative path (with ``/``) to text."""
    try:
        make = EDITORS[editor]
    except KeyError:
        raise ValueError(f"unknown editor {editor!r}; choose one of {', '.join(EDITORS)}") from None
    return make()
