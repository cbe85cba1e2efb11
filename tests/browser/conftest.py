"""The web page in a real Chromium: the server on a free loopback port, Playwright driving
the system's ``chromium`` (Playwright's own browser downloads are not used).

Without Playwright, Chromium or the api extra the tests skip with the reason; with
``TREATYRULES_REQUIRE_BROWSER=1`` (CI) the same absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

REQUIRE = os.environ.get("TREATYRULES_REQUIRE_BROWSER", "") not in ("", "0")


def unavailable(reason: str) -> NoReturn:
    if REQUIRE:
        pytest.fail(f"{reason} (TREATYRULES_REQUIRE_BROWSER=1: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The application on a free 127.0.0.1 port, served by uvicorn in a thread."""
    try:
        import uvicorn

        from treatyrules.http.app import create_app
    except ImportError as exc:
        unavailable(f"the api extra is not installed ({exc.name}): pip install 'treatyrules[api]'")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", ws="none", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, name="treatyrules-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start", pytrace=False)
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed: .venv/bin/pip install playwright")
    executable = chromium_path()
    if executable is None:
        unavailable("no chromium on PATH: apt-get install -y chromium")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page_in(browser: Any, server: str) -> Iterator[Any]:
    """``page_in("en-US")``: a new page in a fresh context whose browser language is ``locale``."""
    contexts: list[Any] = []

    def open_page(locale: str = "en-US") -> Any:
        context = browser.new_context(locale=locale, accept_downloads=True, base_url=server, viewport={"width": 1200, "height": 900})
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: TREATYRULES_SCREENSHOT_DIR, else the test's temporary folder."""
    folder = Path(os.environ.get("TREATYRULES_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
