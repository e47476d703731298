"""Emacs with the file of ``argmap editor emacs``: the mode, its colours, and Eglot talking to
``argmap lsp``. Emacs runs in batch (``emacs --batch -Q``) with a script that writes a report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import OPED
from tests.editors.conftest import BROKEN, LOOSE, formatted, plugin, run_editor

pytestmark = pytest.mark.skipif(shutil.which("emacs") is None, reason="emacs is not installed")

# Debian installs Eglot for Emacs 28 as a package (elpa-eglot); Emacs 29 has it built in.
DEBIAN_ELPA = "/usr/share/emacs/site-lisp/elpa"

PRELUDE = """\
(require 'json)
(setq report nil)
(defun report (key value) (push (cons key value) report))
(add-to-list 'load-path {folder})
(require 'argmap-mode)
(condition-case problem
    (progn
"""

FINISH = """\
    )
  (error (report "error" (format "%S" problem))))
(with-temp-file {out} (insert (json-encode report)))
(kill-emacs 0)
"""


def emacs(tmp_path: Path, body: str) -> dict:
    folder = plugin("emacs", tmp_path / "plugin") / "emacs"
    out = tmp_path / "report.json"
    script = tmp_path / "script.el"
    script.write_text(
        PRELUDE.format(folder=json.dumps(str(folder)))
        + body
        + FINISH.format(out=json.dumps(str(out))),
        encoding="utf-8",
    )
    report = run_editor(["emacs", "--batch", "-Q", "-l", str(script)], out)
    assert "error" not in report, report["error"]
    return report


def lisp(text: str) -> str:
    return json.dumps(text)  # a JSON string literal reads as the same Emacs Lisp string


FACES = """\
(find-file {path})
(report "mode" (symbol-name major-mode))
(font-lock-ensure)
(dolist (place '({places}))
  (goto-char (point-min))
  (search-forward (nth 1 place))
  (goto-char (+ (match-beginning 0) (nth 2 place)))
  (report (nth 0 place)
          (list (format "%S" (get-text-property (point) 'face))
                (if (nth 4 (syntax-ppss)) "comment" "text"))))
"""


def test_mode_and_colours(tmp_path: Path) -> None:
    path = tmp_path / "small.arg"
    path.write_text(
        "title: C# and \\#1 are text\n"
        "conclusion c: Use C# \\[1\\] here.  # a comment\n"
        "  reason warm for c [s]:\n"
        "    - It is warm.\n"
        "# a comment line\n"
        "source s: Me\n",
        encoding="utf-8",
    )
    places = {
        "C# in a title": ("C# and", 1),
        "escape": ("\\#1", 0),
        "C# in a claim": ("C# \\[", 1),
        "escaped bracket": ("\\[1", 1),
        "inline comment": ("# a comment\n", 2),
        "comment line": ("# a comment line", 3),
        "statement keyword": ("conclusion c", 0),
        "claim id": ("conclusion c", 11),
        "group keyword": ("reason warm", 0),
        "group id": ("reason warm", 7),
        "target keyword": ("for c", 0),
        "target id": ("for c", 4),
        "dash": ("- It is", 0),
    }
    lines = " ".join(f"({lisp(k)} {lisp(n)} {o})" for k, (n, o) in places.items())
    report = emacs(tmp_path, FACES.format(path=lisp(str(path)), places=lines))
    assert report.pop("mode") == "argmap-mode"
    assert report == {
        "C# in a title": ["nil", "text"],
        "escape": ["(argmap-escape)", "text"],
        "C# in a claim": ["nil", "text"],
        "escaped bracket": ["(argmap-escape)", "text"],
        "inline comment": ["font-lock-comment-face", "comment"],
        "comment line": ["font-lock-comment-face", "comment"],
        "statement keyword": ["font-lock-keyword-face", "text"],
        "claim id": ["font-lock-variable-name-face", "text"],
        "group keyword": ["font-lock-keyword-face", "text"],
        "group id": ["font-lock-function-name-face", "text"],
        "target keyword": ["font-lock-builtin-face", "text"],
        "target id": ["font-lock-variable-name-face", "text"],
        "dash": ["font-lock-builtin-face", "text"],
    }


def test_the_whole_example_map_colours_without_error(tmp_path: Path) -> None:
    body = f"""\
(find-file {lisp(str(OPED))})
(font-lock-ensure)
(report "faces" (length (delete-dups (let (faces) (dotimes (i (buffer-size) faces)
  (push (get-text-property (1+ i) 'face) faces))))))
"""
    assert emacs(tmp_path, body)["faces"] >= 5


def test_eglot_ensure_without_eglot_gives_a_message(tmp_path: Path) -> None:
    # -Q without the package folders: Eglot is missing on Emacs 28, built in on 29.
    path = tmp_path / "map.arg"
    path.write_text(LOOSE, encoding="utf-8")
    body = f"""\
(setq load-path (seq-remove (lambda (d) (string-match-p "eglot" d)) load-path))
(add-hook 'argmap-mode-hook #'argmap-eglot-ensure)
(find-file {lisp(str(path))})
(report "mode" (symbol-name major-mode))
(report "eglot" (if (featurep 'eglot) "loaded" "missing"))
(report "messages" (with-current-buffer "*Messages*" (buffer-string)))
"""
    report = emacs(tmp_path, body)
    assert report["mode"] == "argmap-mode"
    if report["eglot"] == "missing":
        assert "argmap: Eglot is not installed" in report["messages"]


EGLOT = f"""\
(when (file-directory-p {lisp(DEBIAN_ELPA)})
  (setq package-directory-list (list {lisp(DEBIAN_ELPA)}))
  (package-initialize))
(add-hook 'argmap-mode-hook #'argmap-eglot-ensure)
(report "eglot" (if (require 'eglot nil t) "yes" "no"))
"""

CONNECT = """\
(find-file {path})
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 20)))
  (while (and (< (float-time) deadline) (not (eglot-current-server)))
    (accept-process-output nil 0.05)))
(report "connected" (if (eglot-current-server) "yes" "no"))
"""


def eglot_session(tmp_path: Path, text: str, body: str) -> dict:
    path = tmp_path / "map.arg"
    path.write_text(text, encoding="utf-8")
    report = emacs(
        tmp_path,
        EGLOT + f"(when (featurep 'eglot)\n{CONNECT.format(path=lisp(str(path)))}{body})\n",
    )
    if report["eglot"] == "no":
        pytest.skip("Eglot is not installed (Debian: elpa-eglot)")
    assert report["connected"] == "yes"
    return report


def test_eglot_features(tmp_path: Path) -> None:
    body = """\
(let ((deadline (+ (float-time) 20)))
  (while (and (< (float-time) deadline) (< (length (flymake-diagnostics)) 2))
    (accept-process-output nil 0.05)))
(report "diagnostics"
        (sort (mapcar (lambda (d)
                        (save-excursion
                          (goto-char (flymake-diagnostic-beg d))
                          (format "%d:%d %s" (line-number-at-pos) (1+ (current-column))
                                  (substring (flymake-diagnostic-text d) 8 12))))
                      (flymake-diagnostics))
              #'string<))
(goto-char (point-min))
(forward-char 11)
(report "hover" (plist-get (plist-get (jsonrpc-request (eglot-current-server) :textDocument/hover
                                                       (eglot--TextDocumentPositionParams))
                                      :contents)
                           :value))
(goto-char (point-min))
(forward-char 28)
(let* ((item (car (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot))))
       (marker (xref-location-marker (xref-item-location item))))
  (report "definition" (with-current-buffer (marker-buffer marker)
                         (save-excursion (goto-char marker)
                                         (list (line-number-at-pos) (1+ (current-column)))))))
(goto-char (point-min))
(forward-line 3)
(forward-char 5)
(let ((capf (eglot-completion-at-point)))
  (report "completion" (all-completions "" (nth 2 capf))))
"""
    report = eglot_session(tmp_path, BROKEN, body)
    assert report["diagnostics"] == ["4:5 E101", "5:15 E006"]
    assert "claim `c`" in report["hover"]
    assert report["definition"] == [7, 8]
    assert "c" in report["completion"]


FORMAT = """\
(eglot-format-buffer)
(report "text" (buffer-substring-no-properties (point-min) (point-max)))
(report "modified" (if (buffer-modified-p) "yes" "no"))
"""


def test_eglot_formats_a_valid_map(tmp_path: Path) -> None:
    report = eglot_session(tmp_path, LOOSE, FORMAT)
    assert report["text"] == formatted(LOOSE) != LOOSE


def test_eglot_leaves_a_broken_map_byte_for_byte(tmp_path: Path) -> None:
    report = eglot_session(tmp_path, BROKEN, FORMAT + "(save-buffer)\n")
    assert report["text"] == BROKEN and report["modified"] == "no"
    assert (tmp_path / "map.arg").read_bytes() == BROKEN.encode("utf-8")
