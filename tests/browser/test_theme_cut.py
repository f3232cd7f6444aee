"""The theme's stylesheets cut to what the site uses (build/purge.py) change no pixel: each page kind,
on a phone and a desktop, light and dark, in print, with search open and with the menu open, looks
exactly as it does with the theme's whole stylesheets (a copy of the built site with them put back)."""

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


@pytest.fixture(scope="module")
def whole(project: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The built site with the theme's whole stylesheets under the cut ones' names."""
    import material

    from audit.browser import serve

    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    copy = tmp_path_factory.mktemp("whole") / "site"
    shutil.copytree(project / "site", copy)
    for cut in (copy / "assets" / "stylesheets").glob("*.css"):
        original = next(theme.glob(cut.name.split(".")[0] + ".*.min.css"))
        cut.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
        for suffix in (".gz", ".br"):
            cut.with_name(cut.name + suffix).unlink(missing_ok=True)
    with serve(copy) as base:
        yield base


def picture(driver, url: str, state: str | None) -> bytes:  # type: ignore[no-untyped-def]
    from PIL import Image

    driver.get(url)
    driver.execute_async_script(SETTLE, "return 0")  # fonts, layout and any opening transition done
    if state is not None:
        act, probe = STATES[state]
        driver.execute_script(act)
        driver.execute_async_script(SETTLE, probe)
    return Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB").tobytes()


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark", "print"])
def test_the_cut_stylesheets_change_no_pixel(driver, served, whole, viewport: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    emulate(driver, viewport, "light" if scheme == "print" else scheme)
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
                if picture(driver, served + page, state) != picture(driver, whole + page, state):
                    different.append(f"{page} {state or ''}")
        assert not different, f"{viewport}, {scheme}: the cut stylesheets change {different}"
    finally:
        driver.execute_cdp_cmd("Emulation.setScrollbarsHidden", {"hidden": False})
        stop_emulating(driver)
