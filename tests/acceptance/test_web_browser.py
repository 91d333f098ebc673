"""The students' page in a real browser (Debian's Chromium through Selenium) against the real `stagepipe serve`:
every sample report uploaded and its result read, the language switch, the annotated DOCX downloaded and its
comments found on the right words, a hostile file, axe-core's accessibility rules, screenshots at 1280 and 400 px."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from tests.acceptance.conftest import AXE, SHOTS, sample_reports
from tests.helpers import INPUTS, ROOT
from tests.web_server import Server

CHECK_SECONDS = 120


def _by(kind: str) -> Any:
    from selenium.webdriver.common.by import By

    return getattr(By, kind)


def student_number(case: str) -> str:
    data = yaml.safe_load((ROOT / case).read_text(encoding="utf-8"))
    return str(data["student"]["id"])


def upload(browser: Any, web: Server, report: Path, *, lang: str = "nl", program: str | None = None,
           student: str | None = None, mentors: str | None = None) -> None:
    """Fill in the form as a student does and wait for the answer page."""
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.get(f"{web.url}/?lang={lang}")
    if program:
        Select(browser.find_element(_by("ID"), "program")).select_by_value(program)
    if student:
        browser.find_element(_by("ID"), "student").send_keys(student)
    if mentors:
        browser.find_element(_by("ID"), "mentors").send_keys(mentors)
    browser.find_element(_by("ID"), "report").send_keys(str(report.resolve()))
    browser.find_element(_by("ID"), "send").click()
    WebDriverWait(browser, CHECK_SECONDS).until(
        lambda b: b.find_elements(_by("CSS_SELECTOR"), "header.verdict, .alert"))


def comment_anchors(path: Path) -> list[tuple[str, str, str]]:
    """(author, comment text, the words it is anchored on) of every comment in a DOCX."""
    document = docx.Document(str(path))
    comments = {c.comment_id: (c.author, c.text) for c in document.comments}
    opened: dict[int, list[str]] = {}
    out = []
    for element in document.element.body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t")):
        if element.tag == qn("w:commentRangeStart"):
            opened[int(element.get(qn("w:id")))] = []
        elif element.tag == qn("w:commentRangeEnd"):
            cid = int(element.get(qn("w:id")))
            out.append((*comments[cid], "".join(opened.pop(cid))))
        else:
            for words in opened.values():
                words.append(element.text or "")
    return out


@pytest.mark.parametrize("entry", sample_reports(), ids=lambda e: e["name"])
def test_each_sample_report_is_checked_and_its_result_read_in_the_page(entry: dict[str, Any], web: Server,
                                                                        browser: Any) -> None:
    report = INPUTS / "reports" / entry["file"]
    if entry["case"]:
        upload(browser, web, report, student=student_number(entry["case"]))
    else:
        upload(browser, web, report, program=entry["program"] or "tm-om")
    verdict = browser.find_element(_by("CSS_SELECTOR"), "header.verdict")
    if entry["case"]:
        assert ("passed" in verdict.get_attribute("class")) == (entry["expect"] == 0), verdict.text
    # the summary and checklist first, then the student's text with the findings next to its paragraphs
    headings = [h.get_attribute("id") for h in browser.find_elements(_by("CSS_SELECTOR"), "main h2")]
    assert headings.index("h-overview") < headings.index("h-text")
    assert browser.find_elements(_by("CSS_SELECTOR"), "article.doc .block")
    assert entry["file"] in browser.find_element(_by("CSS_SELECTOR"), ".verdict .meta").text
    if entry["expect"]:
        assert browser.find_elements(_by("CSS_SELECTOR"), "article.doc mark.hl, article.doc ol.notes li")
    assert browser.find_elements(_by("CSS_SELECTOR"), "a.download-json")


def test_the_page_switches_to_english_and_the_result_is_in_english(web: Server, browser: Any) -> None:
    browser.get(f"{web.url}/")
    assert browser.find_element(_by("TAG_NAME"), "html").get_attribute("lang") == "nl"
    assert browser.find_element(_by("TAG_NAME"), "h1").text == "Controleer je stageverslag"
    browser.find_element(_by("CSS_SELECTOR"), "a.lang-switch").click()
    assert browser.find_element(_by("TAG_NAME"), "html").get_attribute("lang") == "en"
    assert browser.find_element(_by("TAG_NAME"), "h1").text == "Check your internship report"
    browser.find_element(_by("ID"), "student").send_keys(student_number("inputs/cases/2021-2022/om-jana-peeters.yaml"))
    browser.find_element(_by("ID"), "report").send_keys(str(INPUTS / "reports" / "om-problemen.docx"))
    # the page's script says that the check runs (a check takes seconds) and keeps the button from a second click;
    # seen here with the sending held back once, then the form is sent as the browser sends it
    assert not browser.find_element(_by("ID"), "working").is_displayed()
    browser.execute_script("document.getElementById('check-form')"
                           ".addEventListener('submit', e => e.preventDefault(), {once: true});")
    browser.find_element(_by("ID"), "send").click()
    assert browser.find_element(_by("ID"), "working").is_displayed()
    assert "being checked" in browser.find_element(_by("ID"), "working").text
    assert not browser.find_element(_by("ID"), "send").is_enabled()
    browser.execute_script("document.getElementById('check-form').submit();")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, CHECK_SECONDS).until(lambda b: b.find_elements(_by("CSS_SELECTOR"), "header.verdict"))
    assert browser.find_element(_by("TAG_NAME"), "html").get_attribute("lang") == "en"
    overview = browser.find_element(_by("ID"), "h-overview").text
    assert overview and "Per controle" not in overview
    assert "Anonymity" in browser.find_element(_by("CSS_SELECTOR"), "ul.checks").text
    assert browser.find_element(_by("CSS_SELECTOR"), "a.download-annotated").text == "Your report with comments (Word)"


def _downloaded(folder: Path, suffix: str, seconds: float = 30) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [p for p in folder.glob(f"*{suffix}") if p.stat().st_size > 0]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded into {folder}: {list(folder.iterdir())}")


def test_the_annotated_docx_has_a_stagepipe_comment_on_the_words_of_each_leak(web: Server, browser: Any) -> None:
    upload(browser, web, INPUTS / "reports" / "om-problemen.docx",
           student=student_number("inputs/cases/2021-2022/om-jana-peeters.yaml"))
    link = browser.find_element(_by("CSS_SELECTOR"), "a.download-annotated")
    href = link.get_attribute("href")
    link.click()
    annotated = _downloaded(browser.downloads, ".docx")
    assert annotated.name == "om-problemen-stagepipe.docx"
    anchors = comment_anchors(annotated)
    assert anchors and {author for author, _, _ in anchors} == {"stagepipe"}
    on_words = {words for _, text, words in anchors if "Sarah De Smet" in text}
    assert on_words == {"Sarah De Smet"}, anchors  # the mentor's name, exactly, wherever it stands
    assert any(words == "Hij vind" for _, _, words in anchors)  # the dt-error LanguageTool found
    assert any(words == "onmiddelijk" for _, _, words in anchors)
    # the student's own text is unchanged
    original = [p.text for p in docx.Document(str(INPUTS / "reports" / "om-problemen.docx")).paragraphs]
    assert [p.text for p in docx.Document(str(annotated)).paragraphs] == original
    # a download link works once
    browser.get(href)
    assert "al gebruikt of verlopen" in browser.find_element(_by("CSS_SELECTOR"), ".alert").text


def test_a_hostile_file_gets_a_clear_message_and_the_server_stays_up(web: Server, browser: Any,
                                                                      tmp_path: Path) -> None:
    fake = tmp_path / "verslag.docx"
    fake.write_text("Dit is gewoon tekst met de naam van een Word-bestand.\n", encoding="utf-8")
    upload(browser, web, fake, program="tm-om")
    alert = browser.find_element(_by("CSS_SELECTOR"), ".alert[role=alert]")
    assert "kan niet gecontroleerd worden" in alert.text and "geen Word-document" in alert.text
    from selenium.webdriver.support.ui import Select

    # the form is there to try again, with the program still chosen
    assert Select(browser.find_element(_by("ID"), "program")).first_selected_option.get_attribute("value") == "tm-om"
    import requests

    assert requests.get(f"{web.url}/healthz", timeout=10).status_code == 200


def _axe(browser: Any) -> list[dict[str, Any]]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make test` fetches axe-core with npm (make axe)", pytrace=False)
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    results = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done(String(e)));")
    assert isinstance(results, list), results
    return [v for v in results if v.get("impact") in ("serious", "critical")]


def test_axe_finds_no_serious_or_critical_violation_on_the_form_and_the_result(web: Server, browser: Any) -> None:
    browser.get(f"{web.url}/")
    assert _axe(browser) == []
    upload(browser, web, INPUTS / "reports" / "om-problemen.docx",
           student=student_number("inputs/cases/2021-2022/om-jana-peeters.yaml"))
    serious = _axe(browser)
    assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


@pytest.mark.parametrize("width", [1280, 400])
def test_screenshots_of_the_form_and_the_result(width: int, web: Server, browser: Any) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.set_window_size(width, 1000)
    browser.get(f"{web.url}/")
    browser.save_screenshot(str(SHOTS / f"form-{width}.png"))
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    upload(browser, web, INPUTS / "reports" / "dgk-lekken.docx",
           student=student_number("inputs/cases/2024-2025/dgk-amber-claeys.yaml"))
    browser.save_screenshot(str(SHOTS / f"result-{width}-top.png"))  # what a student sees first
    browser.execute_script("document.getElementById('h-text').scrollIntoView()")
    browser.save_screenshot(str(SHOTS / f"result-{width}-text.png"))  # the text with the findings beside it
    browser.execute_script("window.scrollTo(0, 0)")
    height = browser.execute_script("return Math.min(document.body.scrollHeight, 6000)")
    browser.set_window_size(width, height)
    browser.save_screenshot(str(SHOTS / f"result-{width}.png"))
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width
    assert (SHOTS / f"result-{width}.png").stat().st_size > 10_000
