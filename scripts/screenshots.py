"""Full-page screenshots of the pages a patient judges the practice by, at a phone's and a
desktop's width, into screenshots/ (not committed): `make screenshots`, with the demo loaded
and the site running at BASE_URL (the make target starts it)."""

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8001")
OUT = Path(__file__).resolve().parent.parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
PAGES = {
    "home": "/",
    "si-joint-fusion": "/treatments/si-joint-fusion/",
    "office": "/locations/hagerstown/",
    "provider": "/providers/rafael-quintero-vidal/",
    "locations": "/locations/",
    "resources": "/resources/",
}
# Lazy pictures below the fold load as a patient scrolls to them: load them all for the shot.
EAGER = "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
WIDTHS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 900}}


def main():
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for width, viewport in WIDTHS.items():
            page = browser.new_page(viewport=viewport)
            for name, path in PAGES.items():
                response = page.goto(BASE_URL + path, wait_until="networkidle")
                if response is None or response.status != 200:
                    sys.exit(f"{path}: {response and response.status}")
                page.evaluate(EAGER)
                page.wait_for_load_state("networkidle")
                page.screenshot(path=OUT / f"{name}-{width}.png", full_page=True)
            page.close()
        browser.close()
    print(f"Saved {len(PAGES) * len(WIDTHS)} screenshots in {OUT}")


if __name__ == "__main__":
    main()
