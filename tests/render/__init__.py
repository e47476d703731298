"""Tests of argmap.render and ``argmap render``: DOT goldens, real Graphviz, security, CLI."""
