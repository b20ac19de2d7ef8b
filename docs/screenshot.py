"""Make docs/serve.png: the what-if app on the 2020 baseline, as a browser shows it.

    python docs/screenshot.py            # from the repository root; needs Debian's chromium

The app runs in this process on a free port (as `grantopt serve` runs it); headless
Chromium opens it, sets the appropriation to 12,000,000 €, asks why 2020-47 is out, and
the page is photographed once its figures have loaded.
"""

from __future__ import annotations

import shutil
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "serve.png"
VIEW = {"width": 1360, "height": 1000}


def main() -> int:
    import uvicorn
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from optimizer.web import create_app

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    server = uvicorn.Server(uvicorn.Config(create_app([ROOT / "scenarios" /
                                                       "2020-baseline.toml"]),
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium,
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport=VIEW)
            page.goto(url)
            page.wait_for_selector("body[data-ready='1']")
            page.fill("#budget-exact", "12000000")
            page.press("#budget-exact", "Tab")
            page.wait_for_selector("#projects[data-value='51']")
            page.click("#others tbody tr[data-id='2020-47']")
            page.wait_for_selector("#explain .pushed-out li")
            page.wait_for_function("document.querySelector('#frontier').complete && "
                                   "document.querySelector('#frontier').naturalWidth > 0")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(OUT))
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
