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

__all__ = ["EDITORS", "files"]

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
2. In this folder: `npm install` (fetches `vscode-languageclient`).
3. Copy or link the folder into `~/.vscode/extensions/`, or package it with
   `npx @vscode/vsce package`.

Setting `argmap.server.command` (default `["argmap", "lsp"]`) says how to start the server, for
example `["/path/to/venv/bin/argmap", "lsp"]`. The command "argmap: Show the map" opens a diagram
of the map beside the editor (refreshed on save).
"""


def _vscode() -> dict[str, str]:
    package = {
        "name": "argmap",
        "displayName": "argmap",
        "description": "Argument maps as plain text: checked as you type, drawn beside the editor.",
        "version": __version__,
        "publisher": "argmap",
        "license": "MIT",
        "engines": {"vscode": "^1.82.0"},
        "categories": ["Programming Languages", "Linters", "Formatters"],
        "main": "./extension.js",
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
        "dependencies": {"vscode-languageclient": "^9.0.1"},
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
        "argmap-vscode/README.md": _VSCODE_README,
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

syntax cluster argmapInText contains=argmapEscape,argmapContinuation,argmapSources,argmapComment
syntax match argmapText /:\s*\zs.*$/ contains=@argmapInText
syntax match argmapText /^\s*-\s\+\zs.*$/ contains=@argmapInText
syntax match argmapComment /^\s*#.*$/ contains=@Spell
syntax match argmapComment /\s\zs#\ze\(\s\|$\).*$/ contained contains=@Spell
syntax match argmapEscape /\\[\\\[\]#@]/ contained
syntax match argmapContinuation /\\$/ contained
syntax match argmapSources
      \ /\[\s*\h[[:alnum:]_-]*\(\s*,\s*\h[[:alnum:]_-]*\)*\s*\]\ze\s*\(#.*\)\=$/ contained
syntax match argmapStatement /^\s*\<\(@STATEMENTS@\)\>/ nextgroup=argmapId skipwhite
syntax match argmapId /\h[[:alnum:]_-]*\ze\s*:/ contained
syntax match argmapId /^\s*\zs\h[[:alnum:]_-]*\ze\s*:/
syntax match argmapGroup /^\s*\<\(@GROUPS@\)\>.*:\s*\(#.*\)\=$/
      \ contains=argmapGroupKeyword,argmapTarget,argmapGroupSources,argmapComment
syntax match argmapGroupKeyword /^\s*\zs\<\(@GROUPS@\)\>/ contained
syntax match argmapTarget /\<\(@TARGETS@\)\>/ contained
syntax match argmapGroupSources /\[[^\]]*\]/ contained
syntax match argmapDash /^\s*\zs-\ze\(\s\|$\)/
syntax match argmapReuse /^\s*\zs@\s*\h[[:alnum:]_-]*/

highlight default link argmapComment Comment
highlight default link argmapText String
highlight default link argmapEscape SpecialChar
highlight default link argmapContinuation Special
highlight default link argmapStatement Keyword
highlight default link argmapGroupKeyword Statement
highlight default link argmapTarget Operator
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
autocmd BufRead,BufNewFile *.arg setfiletype argmap
"""

_VIM_FTPLUGIN = """\
" Settings for argmap maps. Generated by `argmap editor vim`.
if exists("b:did_ftplugin")
  finish
endif
let b:did_ftplugin = 1
setlocal expandtab shiftwidth=2 softtabstop=2
setlocal commentstring=#\\ %s comments=:#
" `gq` and `=` format the whole map with argmap's canonical formatter.
setlocal formatprg=argmap\\ fmt\\ -
let b:undo_ftplugin = "setlocal expandtab< shiftwidth< softtabstop<"
      \\ . " commentstring< comments< formatprg<"
"""


def _vim() -> dict[str, str]:
    return {
        "vim/ftdetect/argmap.vim": _VIM_FTDETECT,
        "vim/ftplugin/argmap.vim": _VIM_FTPLUGIN,
        "vim/syntax/argmap.vim": _vim_syntax(),
    }


_NEOVIM_LUA = """\
-- argmap for Neovim: the filetype, and argmap's language server for it.
-- Generated by `argmap editor neovim`. Put this folder on 'runtimepath', or copy
-- plugin/argmap.lua to ~/.config/nvim/plugin/ (and syntax/argmap.vim for colours).
vim.filetype.add({ extension = { arg = "argmap" } })

local group = vim.api.nvim_create_augroup("argmap", { clear = true })

vim.api.nvim_create_autocmd("FileType", {
  group = group,
  pattern = "argmap",
  callback = function(args)
    vim.bo[args.buf].expandtab = true
    vim.bo[args.buf].shiftwidth = 2
    vim.bo[args.buf].commentstring = "# %s"
    local file = vim.api.nvim_buf_get_name(args.buf)
    local marker = vim.fs.find({ ".git" }, { upward = true, path = vim.fs.dirname(file) })[1]
    vim.lsp.start({
      name = "argmap",
      cmd = { "argmap", "lsp" },
      root_dir = marker and vim.fs.dirname(marker) or vim.fs.dirname(file),
    })
  end,
})
"""


def _neovim() -> dict[str, str]:
    return {
        "nvim/plugin/argmap.lua": _NEOVIM_LUA,
        "nvim/syntax/argmap.vim": _vim_syntax(),
        "nvim/ftplugin/argmap.vim": _VIM_FTPLUGIN,
    }


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
;; Package-Requires: ((emacs "29.1"))
;; Keywords: languages
;; Generated by `argmap editor emacs'.

;;; Commentary:

;; Highlighting and indentation settings for .arg maps, and argmap's language server
;; (`argmap lsp') for Eglot: diagnostics, hover, xref, rename, completion, imenu, formatting.
;; Put this file on `load-path' and add (require 'argmap-mode) to your init file.

;;; Code:

(defgroup argmap nil
  "Argument maps as plain text."
  :group 'languages)

(defconst argmap-mode--statement-keywords '(@STATEMENTS@))
(defconst argmap-mode--group-keywords '(@GROUPS@))
(defconst argmap-mode--target-keywords '(@TARGETS@))
(defconst argmap-mode--id "[[:alpha:]_][[:alnum:]_-]*")

(defconst argmap-mode--font-lock
  `((,(concat "^[ \t]*" (regexp-opt argmap-mode--statement-keywords 'words))
     . font-lock-keyword-face)
    (,(concat "^[ \t]*" (regexp-opt argmap-mode--group-keywords 'words))
     . font-lock-keyword-face)
    (,(concat "^[ \t]*" (regexp-opt argmap-mode--group-keywords 'words) ".*?"
              (regexp-opt argmap-mode--target-keywords 'words))
     2 font-lock-builtin-face)
    (,(concat "^[ \t]*\\(?:" (regexp-opt argmap-mode--statement-keywords) "[ \t]+\\)?\\("
              argmap-mode--id "\\)[ \t]*:")
     1 font-lock-variable-name-face)
    (,(concat "^[ \t]*@[ \t]*\\(" argmap-mode--id "\\)") 1 font-lock-constant-face)
    ("\\\\[][\\#@]" . font-lock-escape-face)
    (,(concat "\\[[ \t]*" argmap-mode--id "\\(?:[ \t]*,[ \t]*" argmap-mode--id "\\)*[ \t]*]"
              "[ \t]*:?[ \t]*$")
     . font-lock-type-face))
  "Highlighting for `argmap-mode'.")

(defvar argmap-mode-syntax-table
  (let ((table (make-syntax-table)))
    (modify-syntax-entry ?# "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?- "_" table)
    (modify-syntax-entry ?_ "_" table)
    (modify-syntax-entry ?\\ "\\" table)
    table)
  "Syntax table for `argmap-mode'.")

;;;###autoload
(define-derived-mode argmap-mode prog-mode "argmap"
  "Major mode for argmap argument maps."
  (setq-local comment-start "# ")
  (setq-local comment-start-skip "#+[ \t]*")
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width 2)
  (setq-local font-lock-defaults '(argmap-mode--font-lock)))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.arg\\'" . argmap-mode))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(argmap-mode . ("argmap" "lsp"))))

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
