"""Editor support files: the TextMate grammar and plugins for VS Code, Neovim, Helix, Emacs, Vim."""

from __future__ import annotations

__all__: list[str] = []
