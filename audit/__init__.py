"""Quality gates run against the built site in a real browser: accessibility, privacy, search, links, HTML.

`make audit` runs them all (plus a Lighthouse report) and prints one table; `make test` runs the
gates through tests/gates/. Nothing here is part of the generator package.
"""
