"""A static site generator for psychoeducation guides: checked content, two layers per topic, any language."""

__version__ = "0.1.0"
