"""The version of argmap: one place, read by the package metadata too (pyproject.toml)."""

from __future__ import annotations

__all__ = ["__version__"]

# A constant, not importlib.metadata: reading the metadata costs every `argmap` start-up ~30 ms.
__version__ = "0.1.0"
