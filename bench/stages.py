"""Time the generator's own stages on one content folder, in a fresh process: `python -m bench.stages DIR`.

Prints JSON: seconds for load, check and render, and the peak memory of the process.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    content = Path(sys.argv[1])
    started = time.perf_counter()
    from generator.cache import project_cache
    from generator.checks.run import check_site
    from generator.content.load import load_site
    from generator.pages.render import Renderer

    imported = time.perf_counter()
    cache = project_cache(content.resolve().parent)
    site, diags = load_site(content)
    loaded = time.perf_counter()
    check_site(site, diags, cache)
    checked = time.perf_counter()
    compact = len(site.topics) > 150
    pages = Renderer(site, compact_nav=compact, cache=cache).pages()
    cache_misses = cache.misses
    cache.save()
    rendered = time.perf_counter()
    print(json.dumps({
        "import": imported - started,
        "load": loaded - imported,
        "check": checked - loaded,
        "render": rendered - checked,
        "pages": len(pages),
        "cache_misses": cache_misses,
        "errors": len(diags.errors),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
