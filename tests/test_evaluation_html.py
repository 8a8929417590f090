"""The HTML report is one self-contained page that opens in headless Chromium without console errors."""

from __future__ import annotations

import base64
import html.parser
import io
import re
import subprocess
from pathlib import Path

import pytest

from evaluation_helpers import tiny_suite
from newsml.evaluation.report import write_report
from newsml.evaluation.runner import run_suite
from newsml.evaluation.suite import load_suite

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed "
                                    "(.ci/install-chromium.sh installs Debian's chromium)")
CONSOLE = re.compile(r":CONSOLE[:(]")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    result = run_suite(load_suite(tiny_suite(folder, samples=100)), progress=False)
    return write_report(result, folder / "run")["html"]


def open_in_chromium(page: Path, profile: Path) -> tuple[str, list[str]]:
    """The DOM Chromium rendered and every console message the page produced."""
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
        "--virtual-time-budget=2000", "--dump-dom", page.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, [line for line in done.stderr.splitlines() if CONSOLE.search(line)]


@needs_chromium
def test_report_opens_in_chromium_without_console_errors(report: Path, tmp_path: Path) -> None:
    dom, console = open_in_chromium(report, tmp_path / "profile")
    assert console == []
    assert "newsml evaluation: tiny" in dom
    assert 'id="ds-articles"' in dom and 'id="ds-pages"' in dom and 'id="provenance"' in dom
    assert dom.count("<img") >= 4


@needs_chromium
def test_the_console_check_catches_a_broken_page(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
                      "<body><script>console.error('boom'); notDefined();</script></body></html>")
    _, console = open_in_chromium(broken, tmp_path / "profile")
    assert any("boom" in line for line in console)
    assert any("notDefined" in line for line in console)


class _Resources(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.sources.append(value)


def test_report_is_self_contained_and_its_plots_decode(report: Path) -> None:
    import matplotlib.image

    parser = _Resources()
    parser.feed(report.read_text(encoding="utf-8"))
    assert "script" not in parser.tags and "link" not in parser.tags
    images = [s for s in parser.sources if s.startswith("data:")]
    assert all(s.startswith("#") or s.startswith("data:image/png;base64,") for s in parser.sources)
    assert len(images) >= 4
    for source in images:
        pixels = matplotlib.image.imread(io.BytesIO(base64.b64decode(source.split(",", 1)[1])), format="png")
        assert pixels.shape[0] > 50 and pixels.shape[1] > 50


def test_per_document_view_shows_labels_references_and_shared_ngrams(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    assert "Reference 2" in page  # both references of the first article
    assert '<span class="tag" style="background:#c62828">ad</span>' in page  # gold line label coloured
    assert "<mark>" in page
    assert 'class="wrong"' in page  # the related line predicted story is flagged
