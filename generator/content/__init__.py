"""The content model and its loading: YAML and Markdown in, a typed `Site` out, with located diagnostics."""
