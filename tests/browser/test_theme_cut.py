"""The theme's stylesheets cut to what the site uses (build/purge.py) change no pixel: each page kind,
on a phone and a desktop, light and dark, in print, with search open and with the menu open, looks
exactly as it does with the theme's whole stylesheets (served by a second local server under the cut
ones' paths).

Both pictures are of one page in one state: the page is opened and brought to its state once, pictured,
then its theme stylesheets are swapped in place for the whole ones and it is pictured again. Reaching
the state twice, on two sites, compared more than the stylesheets: search results that Material's
worker renders in chunks, on two origins with their own caches and history, once (in one of many CI
runs) gave two different pictures of what should have been the same state."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from audit.gates import emulate, stop_emulating

PAGES = ["/", "/basics/working-alliance/", "/help/", "/glossary/", "/basics/", "/practice/", "/references/", "/404.html"]
# Each state is reached by script, then waited for until it is still (no sleep: see `settled`).
STATES = {
    "search": (
        "document.querySelector('label[for=__search]').click();"
        "const i = document.querySelector('.md-search__input'); i.value = 'alliance';"
        "i.dispatchEvent(new Event('input', {bubbles: true})); i.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));"
        "i.blur();",  # no text cursor: it blinks on its own clock
        # Ready once results are listed (before, the panel may still say it is loading the index).
        "const r = document.querySelector('.md-search');"
        "return r && r.querySelector('.md-search-result__item') ? r.innerHTML : null",
    ),
    "menu": ("document.querySelector('label[for=__drawer]').click();",
             "return Math.round(document.querySelector('.md-sidebar--primary').getBoundingClientRect().left)"),
}
# Waits (one animation frame at a time) until the probe gives a value (null: not ready yet) that
# stays the same for three frames with no animation running.
SETTLE = """
const done = arguments[arguments.length - 1];
const probe = new Function(arguments[0]);
let last = null, same = 0, tries = 0;
(function check() {
  const value = probe();
  const now = JSON.stringify([value, document.getAnimations().filter(a => a.playState === 'running').length]);
  same = value !== null && now === last ? same + 1 : 0; last = now; tries += 1;
  if ((same >= 3 && JSON.parse(now)[1] === 0) || tries > 600) done(now); else requestAnimationFrame(check);
})();
"""


# Puts the whole stylesheets (from the server at arguments[0], same paths) in place of the cut ones,
# each new <link> beside the old one so the cascade keeps its order; done once every one has loaded.
SWAP = """
const done = arguments[arguments.length - 1];
const links = [...document.querySelectorAll('link[rel=stylesheet]')]
  .filter(l => /\\/assets\\/stylesheets\\/(main|palette)\\.[^/]+\\.css$/.test(l.href));
if (!links.length) { done('no theme stylesheet on ' + location.href); return; }
let left = links.length;
for (const link of links) {
  const next = link.cloneNode();
  next.href = arguments[0] + new URL(link.href).pathname;
  next.onload = () => { link.remove(); if (--left === 0) done(null); };
  next.onerror = () => done('could not load ' + next.href);
  link.after(next);
}
"""


@pytest.fixture(scope="module")
def whole(project: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The theme's whole stylesheets, served under the cut ones' names and paths (all SWAP asks for)."""
    import material

    from audit.browser import serve

    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    copy = tmp_path_factory.mktemp("whole")
    (copy / "assets" / "stylesheets").mkdir(parents=True)
    for cut in (project / "site" / "assets" / "stylesheets").glob("*.css"):
        original = next(theme.glob(cut.name.split(".")[0] + ".*.min.css"))
        shutil.copyfile(original, copy / "assets" / "stylesheets" / cut.name)
    with serve(copy) as base:
        yield base


def screenshot(driver):  # type: ignore[no-untyped-def]
    from PIL import Image

    return Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")


def pictures(driver, url: str, state: str | None, whole: str):  # type: ignore[no-untyped-def]
    """The page at `url` in `state` once it is still, with the cut stylesheets and then, in the same
    state, with the whole ones (from the server at `whole`): two RGB images."""
    driver.get(url)
    driver.execute_async_script(SETTLE, "return 0")  # fonts, layout and any opening transition done
    probe = "return 0"
    if state is not None:
        act, probe = STATES[state]
        driver.execute_script(act)
        driver.execute_async_script(SETTLE, probe)
    cut = screenshot(driver)
    problem = driver.execute_async_script(SWAP, whole)
    assert problem is None, problem
    driver.execute_async_script(SETTLE, probe)
    return cut, screenshot(driver)


def where_they_differ(cut, whole, saved: Path, name: str) -> tuple[int, int, int, int] | None:  # type: ignore[no-untyped-def]
    """The box of pixels that differ (None if none), with both pictures saved to look at."""
    from PIL import ImageChops

    box = ImageChops.difference(cut, whole).getbbox()
    if box is not None:
        cut.save(saved / f"{name}-cut.png")
        whole.save(saved / f"{name}-whole.png")
    return box


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
def test_the_cut_stylesheets_change_no_pixel(driver, served, whole, tmp_path: Path, viewport: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    emulate(driver, viewport, "light" if scheme == "print" else scheme)
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})  # the whole stylesheets come from another port
    driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": True})  # an overlay scrollbar fades on its own clock
    if scheme == "print":
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print", "features": []})
    try:
        different = []
        for page in PAGES:
            states: list[str | None] = [None]
            if scheme != "print" and page in ("/", "/basics/working-alliance/"):
                states += ["search"] + (["menu"] if viewport == "phone" else [])
            for state in states:
                name = f"{page.strip('/').replace('/', '_') or 'home'}-{state or 'plain'}"
                box = where_they_differ(*pictures(driver, served + page, state, whole), tmp_path, name)
                if box is not None:
                    different.append(f"{page} {state or ''} in {box}")
        assert not different, f"{viewport}, {scheme}: the cut stylesheets change {different} (pictures in {tmp_path})"
    finally:
        driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": False})
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": False})
        stop_emulating(driver)
