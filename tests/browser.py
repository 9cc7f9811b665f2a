"""Helpers for the real-browser tests: Debian's Chromium driven by Playwright, the site served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"]
AXE_CANDIDATES = (
    os.environ.get("AXE_CORE_PATH", ""),
    str(Path(__file__).resolve().parent.parent / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"),
)


def unavailable(reason: str) -> None:
    """Skip with the reason on a developer machine; fail under CI=true, where the browser must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: .ci/run installs it)")
    pytest.skip(f"{reason}; install Debian's chromium and `pip install -e '.[test]'` to run the browser tests")


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        unavailable("Chromium is not installed")
    return path


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium launched through Playwright for the duration of the block (skipped, or failed under CI,
    where either is missing)."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_source() -> str:
    for candidate in AXE_CANDIDATES:
        if candidate and Path(candidate).is_file():
            return Path(candidate).read_text("utf-8")
    unavailable("axe-core is not installed (npm install --prefix .cache/axe axe-core@4)")
    return ""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: tuple) -> None:
        """A browser that drops a connection it no longer needs (a page closed while an image still loads) is
        not an error of the site; anything else is printed as the base class does."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Words broken inside a word: each word of the page's visible text (a DOM Range over it) whose boxes sit on more
# than one line (distinct getClientRects() tops). A word is a run of letters, digits and combining marks, so an
# id wraps after "-" and an address after "/" without counting as broken; a one-letter run cannot break.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const word = /[\\p{L}\\p{N}\\p{M}]+/gu;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !parent.checkVisibility({opacityProperty: true, visibilityProperty: true})) { continue; }
    for (const match of node.nodeValue.matchAll(word)) {
      if (match[0].length < 2) { continue; }
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0)
        .map(r => Math.round(r.top)));
      if (tops.size > 1) { broken.push(match[0]); }
    }
  }
  return broken;
}"""
