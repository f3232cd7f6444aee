"""Pages: the Jinja2 templates, the Markdown they render, glossary tooltips and the shipped assets."""
