"""The .arg grammar (``argmap.lark``), installed as the package ``argmap.grammar``."""
