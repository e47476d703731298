"""The language server: diagnostics, hover, navigation, rename, completion, outline, formatting.

:mod:`argmap.lsp.analysis` and :mod:`argmap.lsp.features` are pure and testable without a
server; :mod:`argmap.lsp.server` wires them to the protocol with pygls.
"""

from __future__ import annotations

__all__: list[str] = []
