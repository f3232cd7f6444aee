"""python -m generator, and the `therapy-guide` command: see generator.cli."""

from __future__ import annotations

import sys


def run() -> int:
    """Start the command line; a dependency missing from this Python is one clear line, not a traceback.

    That happens when the generator was updated but not reinstalled (its requirements changed):
    `make` reinstalls on its own when pyproject.toml changes; a Python used directly may not."""
    try:
        from .cli import main
    except ModuleNotFoundError as exc:
        missing = exc.name or str(exc)
        if missing.split(".")[0] == "generator":
            raise  # a module of our own: a bug, shown as one
        print(
            f"therapy-guide: the package {missing!r} is not installed in {sys.executable}; the generator's "
            "requirements have changed since it was installed. Run `make` in the repository (it reinstalls), "
            "or `pip install -e .`, then try again.",
            file=sys.stderr,
        )
        return 2
    return main()


if __name__ == "__main__":
    sys.exit(run())
