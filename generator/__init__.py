"""A static site generator for a psychoeducation guide to the therapeutic relationship."""

__version__ = "0.1.0"
