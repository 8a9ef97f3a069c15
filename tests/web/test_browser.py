"""The pages in a real headless Chromium against a real uvicorn server on a free
loopback port: paste the fixture page through the form, read the highlighted
document, ask a question, follow a quote to its highlighted span, and save
screenshots as test artefacts.

Needs Debian's ``chromium`` (``apt-get install chromium``) and the Python
``playwright`` package; Playwright's own browser download is never used.
Screenshots go to ``artifacts/web/`` at the repository root (git-ignored), or
to ``$VERACITY_ARTIFACTS``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import PAGE, serve

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); the browser tests "
                "need Debian's Chromium", allow_module_level=True)
from playwright import sync_api  # noqa: E402  (after the skip: without Chromium nothing runs)


def artifacts() -> Path:
    root = Path(os.environ.get("VERACITY_ARTIFACTS")
                or Path(__file__).resolve().parents[2] / "artifacts" / "web")
    root.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The web app on an empty store."""
    yield from serve(tmp_path_factory.mktemp("browser") / "web.sqlite")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True,
            args=[f for f in FLAGS if f != "--headless"],  # Playwright adds its own
            timeout=60_000,
            viewport={"width": 1200, "height": 900})
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    pg = browser.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    yield pg
    pg.close()


def paste(page: Any, server: str, text: str, published: str, source: str) -> None:
    page.goto(f"{server}/ingest")
    page.fill("#text", text)
    page.fill("#published", published)
    page.fill("#source", source)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_paste_the_page_and_read_it_highlighted(server: str, page: Any) -> None:
    paste(page, server, PAGE.read_text(encoding="utf-8"), "2024-11-13", "Riverton Courier")
    assert "/documents/1" in page.url, page.content()[:800]
    assert "Ingested 2 document(s)" in page.inner_text("#notice")
    colours = {}
    for kind in ("source", "cue", "content"):
        el = page.locator(f"#text .hl-{kind}").first
        assert el.is_visible(), kind
        colours[kind] = el.evaluate("e => getComputedStyle(e).backgroundColor")
    assert len(set(colours.values())) == 3, colours  # three distinct colours
    assert "VALLEY WIRE/Omar Reyes" in page.inner_text("section.captions")
    assert page.locator("section.teasers a").count() == 1
    page.screenshot(path=str(artifacts() / "document.png"), full_page=True)


def test_ask_and_follow_a_quote(server: str, page: Any, monkeypatch: pytest.MonkeyPatch
                                ) -> None:
    if not page.request.get(f"{server}/api/documents").json()["documents"]:
        paste(page, server, PAGE.read_text(encoding="utf-8"), "2024-11-13", "Riverton Courier")
    page.goto(server)
    page.fill("#q", "Did Sandra Hale meet Daniel Okafor?")
    page.click("form.ask button[type=submit]")
    page.wait_for_selector("#verdict")
    label = page.inner_text("#verdict").strip().lower()
    # The page reports the meeting and quotes a denial (as in test_api).
    assert label == "disputed", label
    shot = artifacts() / "verdict.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"verdict page ({label}): {shot}")
    rows = page.locator("article.event.lead table.evidence tbody tr")
    assert rows.count() >= 1
    link = rows.first.locator("td.quote a")
    quote = link.inner_text().strip().strip("“”")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("#quote")
    mark = page.locator("mark#quote")
    assert mark.is_visible()
    # the marked pieces, together, are exactly the quote the verdict cited
    container = page.locator("#text") if "caption=" not in page.url else page.locator(
        "section.captions")
    marked = "".join(container.locator("mark.hl-quote").all_inner_texts())
    assert " ".join(marked.split()) == " ".join(quote.split())
    page.screenshot(path=str(artifacts() / "quote.png"))


def test_script_in_pasted_text_stays_inert(server: str, page: Any) -> None:
    hostile = ("Council vote <script>document.title='pwned';alert('x')</script>\n\n"
               "The council said <img src=x onerror=\"document.title='pwned'\"> the vote "
               "on the harbour budget was close, and <script>window.pwned=1</script> "
               "members declined to comment.\n")
    paste(page, server, hostile, "2024-11-14", "Hostile Times")
    assert "/documents/" in page.url
    assert page.title() != "pwned"
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.dialogs == []
    # the markup is shown as text, not run
    assert "<script>window.pwned=1</script>" in page.inner_text("#text")
    assert page.locator("#text script, #text img").count() == 0


def test_upload_a_file_through_the_form(server: str, page: Any, tmp_path: Path) -> None:
    html = tmp_path / "ferry.html"
    html.write_text("<html><head><title>Ferry service resumes</title></head><body><article>"
                    "<h1>Ferry service resumes</h1><p>The ferry between Carrow and Lindholm "
                    "resumed on Saturday after a week of storms, the operator said.</p>"
                    "<p>Passengers said the crossing was calm.</p></article></body></html>",
                    encoding="utf-8")
    page.goto(f"{server}/ingest")
    page.set_input_files("#files", str(html))
    page.fill("#source", "Carrow Herald")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/documents/" in page.url, page.content()[:800]
    assert page.inner_text("h1") == "Ferry service resumes"
    assert "Carrow Herald" in page.inner_text("p.meta")
