"""The web chat in a real browser: headless Chromium (Debian's package) driven by Selenium.

Selenium rather than hand-written DevTools calls: a well-kept library with explicit waits, and the
chromedriver that Debian ships beside chromium. ``.ci/run`` installs both; outside CI the test skips with a
reason when they are absent. Screenshots land in ``tests/web/artifacts/`` (git-ignored) to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_cli import ROOT, free_port, read_line

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
IN_CI = bool(os.environ.get("CI"))
WAIT_SECONDS = 30

if not (CHROMIUM and CHROMEDRIVER) and not IN_CI:
    pytest.skip(
        "no chromium + chromedriver here (apt-get install chromium chromium-driver); CI installs them",
        allow_module_level=True,
    )

from selenium import webdriver  # noqa: E402  (after the skip: only needed with a browser)
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture
def web_demo() -> Iterator[str]:
    """``burenbot demo --web`` on a free port; its URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "burenbot", "demo", "--web", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BURENBOT_TOKEN": ""},
    )
    try:
        assert "built-in Telegram simulator" in read_line(process, 90)
        assert f"http://127.0.0.1:{port}/" in read_line(process, 10)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr


@pytest.fixture
def browser() -> Iterator[WebDriver]:
    assert CHROMIUM and CHROMEDRIVER, "CI must have chromium and chromedriver (see .ci/run)"
    options = Options()
    options.binary_location = CHROMIUM
    with tempfile.TemporaryDirectory() as profile:
        for flag in (
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1200,800",
            f"--user-data-dir={profile}",
        ):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
        try:
            yield driver
        finally:
            driver.quit()


def shot(driver: WebDriver, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], Any], what: str) -> Any:
    # The page redraws what changed: an element found a moment ago may be replaced; look again.
    wait = WebDriverWait(driver, WAIT_SECONDS, ignored_exceptions=(StaleElementReferenceException,))
    return wait.until(condition, message=f"waiting for {what}")


def bot_message(driver: WebDriver, contains: str) -> WebElement:
    def find(d: WebDriver) -> WebElement | bool:
        for message in d.find_elements(By.CSS_SELECTOR, ".msg.bot"):
            if contains in message.text:
                return message
        return False

    return wait_for(driver, find, f"a bot message with {contains!r}")


def button(scope: WebDriver | WebElement, label: str) -> WebElement:
    for candidate in scope.find_elements(By.CSS_SELECTOR, "button"):
        if label in candidate.text:
            return candidate
    raise AssertionError(
        f"no button {label!r} in {[b.text for b in scope.find_elements(By.TAG_NAME, 'button')]}"
    )


def test_the_coordinator_uses_the_agenda_and_sees_a_reminder_after_moving_the_clock(
    web_demo: str, browser: WebDriver
) -> None:
    browser.get(web_demo)
    intro = "Dit is de echte Burenbot, met een voorbeeldmaand"  # from bot/locales/nl/demo.po
    wait_for(browser, lambda d: intro in d.find_element(By.ID, "intro").text, "the intro from the catalog")
    panel = wait_for(
        browser, lambda d: d.find_element(By.ID, "personas").text.count("\n") > 8 and d, "personas"
    )
    personas = panel.find_element(By.ID, "personas").text
    for person in ("Lotte\ncoördinator", "Karim\nvrijwilliger", "Sanne\nnieuwkomer", "Buur\nnog geen lid"):
        assert person in personas, personas
    assert "+ Nieuwe bewoner" in browser.find_element(By.ID, "newcomer").text
    assert "https://t.me/burenbot_test_bot?start=buren" in browser.find_element(By.ID, "invite").text

    button(browser.find_element(By.ID, "personas"), "Lotte").click()
    wait_for(browser, lambda d: "Lotte" in d.find_element(By.ID, "chathead").text, "Lotte's chat")
    shot(browser, "01-personas")

    browser.find_element(By.ID, "text").send_keys("/agenda\n")
    agenda = bot_message(browser, "Agenda: de komende 14 dagen")
    shot(browser, "02-agenda")
    button(agenda, "Koffieochtend").click()
    detail = bot_message(browser, "Taken\n• koffie zetten: Anna")
    button(detail, "Ik doe mee: opruimen").click()
    wait_for(browser, lambda d: "opruimen: Lotte" in d.find_element(By.ID, "chat").text, "Lotte's claim")
    shot(browser, "03-claimed")

    def annas_unread(d: WebDriver) -> int:
        found = re.search(r"Anna\nvrijwilliger\n(\d+)", d.find_element(By.ID, "personas").text)
        return int(found[1]) if found else 0

    unread_before = annas_unread(browser)  # the example month may have left her something already
    before = browser.find_element(By.ID, "now").text
    button(browser.find_element(By.ID, "clockbox"), "morgen 9:00").click()
    wait_for(browser, lambda d: d.find_element(By.ID, "now").text != before, "the clock to move")
    reminder = bot_message(browser, "⏰ Niet vergeten: je doet mee met opruimen bij Koffieochtend")
    assert "Ik kom" in reminder.text
    wait_for(
        browser,
        lambda d: annas_unread(d) > unread_before,
        "Anna's unread count",
    )
    shot(browser, "04-reminder")
    if IN_CI:  # the page's font stack names it; without it emoji are boxes (the screenshots show it)
        found = subprocess.run(["fc-match", "Noto Color Emoji"], capture_output=True, text=True).stdout
        assert "NotoColorEmoji" in found, found


def test_a_volunteer_sees_the_chart_of_real_hours_and_the_coordinator_downloads_the_csv(
    web_demo: str, browser: WebDriver
) -> None:
    browser.get(web_demo)
    wait_for(browser, lambda d: "Karim" in d.find_element(By.ID, "personas").text, "personas")
    button(browser.find_element(By.ID, "personas"), "Karim").click()
    wait_for(browser, lambda d: "Karim" in d.find_element(By.ID, "chathead").text, "Karim's chat")
    browser.find_element(By.ID, "text").send_keys("/uren\n")
    button(bot_message(browser, "Hoeveel uur wil je opschrijven?"), "Grafiek").click()
    chart = bot_message(browser, "Jouw uren van de afgelopen 12 maanden")
    image = chart.find_element(By.TAG_NAME, "img")
    wait_for(
        browser, lambda d: d.execute_script("return arguments[0].naturalWidth", image) > 200, "the chart"
    )
    browser.execute_script("arguments[0].scrollIntoView()", image)
    shot(browser, "05-chart")

    button(browser.find_element(By.ID, "personas"), "Lotte").click()
    wait_for(browser, lambda d: "Lotte" in d.find_element(By.ID, "chathead").text, "Lotte's chat")
    browser.find_element(By.ID, "text").send_keys("/overzicht\n")
    bot_message(browser, "Uren in ")

    # The overview's actions come in a message of their own (lists page at any size).
    def csv_button(d: WebDriver) -> WebElement | bool:
        buttons = d.find_elements(By.CSS_SELECTOR, ".msg.bot button")
        return next((b for b in buttons if "CSV" in b.text), False)

    csv = wait_for(browser, csv_button, "the CSV button")
    csv.click()
    link = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "a.file"), "a file")
    assert link[0].text.startswith("📎 ") and link[0].get_attribute("download").endswith(".csv")
