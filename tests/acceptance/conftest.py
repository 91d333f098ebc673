"""Fixtures of the web tests: the real `stagepipe serve` (its workers, LanguageTool, LibreOffice), the 20-page sample
and a real Chromium driven by Selenium. A missing browser fails the browser tests (`make system` installs Debian's
chromium and chromium-driver); nothing here downloads a browser or a driver."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.language import server as lt
from tests.helpers import INPUTS
from tests.web_server import Server, running_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("STAGEPIPE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("STAGEPIPE_CHROMEDRIVER", "/usr/bin/chromedriver")
AXE = ROOT / ".cache" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "outputs" / "screenshots"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage")


def sample_reports() -> list[dict[str, Any]]:
    manifest: list[dict[str, Any]] = json.loads((INPUTS / "reports" / "reports.json").read_text(encoding="utf-8"))["reports"]
    return manifest


@pytest.fixture(scope="session")
def web(lt_server: lt.ServerState, lt_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`stagepipe serve` with two workers, the sample cases (student numbers) and the session's LanguageTool."""
    log = tmp_path_factory.mktemp("web") / "serve.log"
    with running_server(lt_server.url, lt_cache, log, "--workers", "2", "--cases", str(INPUTS / "cases"),
                        "--rate", "0") as server:
        yield server


@pytest.fixture(scope="session")
def twenty_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 20-page tm-om report of the bench (bench/report.py)."""
    from bench.report import build_report

    return build_report(tmp_path_factory.mktemp("twenty"))


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Any]:
    """Debian's Chromium through Debian's chromedriver (Selenium Manager is never asked: both paths are given)."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not shutil.which(path):
            pytest.fail(f"{path} is missing: install the Debian package {package} (make system)", pytrace=False)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not fetch anything, whatever happens
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    options.add_argument("--window-size=1280,900")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()
