"""The report and handout in headless Chromium: no console errors, links, keyboard.

Needs ``chromium`` and ``chromedriver`` (Debian: ``apt-get install chromium
chromium-driver``); skipped when they are missing. Selenium is pointed at the
installed driver so it never downloads one.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compare.report import handout_run, report_run
from report_helpers import build_run

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium and chromedriver are not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    run = build_run(tmp_path_factory.mktemp("browser") / "run")
    report_run(run)
    handout_run(run)
    return run


def _severe(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _shot(driver, tmp_path, run_dir, name):
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1400, min(height + 80, 8000))
    driver.save_screenshot(str(tmp_path / name))
    (run_dir / "screenshots").mkdir(exist_ok=True)
    driver.save_screenshot(str(run_dir / "screenshots" / name))
    driver.set_window_size(1400, 1000)


def test_index_page(driver, run_dir, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get((run_dir / "report" / "index.html").as_uri())
    assert _severe(driver) == []
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "Уральский вестник" in body and "Bakı Xəbər" in body and "Sahil İnfo" in body
    # keyboard: the first Tab reaches the skip link, which becomes visible
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("class") == "skip-link"
    assert active.rect["y"] >= 0 and active.is_displayed()
    active.send_keys(Keys.ENTER)
    assert driver.execute_script("return location.hash") == "#main"
    _shot(driver, tmp_path, run_dir, "index.png")
    driver.find_element(By.LINK_TEXT, "Police raid in Severogorsk; two men die").click()
    assert driver.current_url.endswith("event-ev-severogorsk-raid.html")


def test_event_page_evidence_links(driver, run_dir, tmp_path):
    from selenium.webdriver.common.by import By

    driver.get((run_dir / "report" / "event-ev-severogorsk-raid.html").as_uri())
    assert _severe(driver) == []
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "Правозащитники требуют независимого расследования." in body
    assert "Nazirlik Rusiya tərəfindən çox ciddi araşdırma tələb edir." in body
    _shot(driver, tmp_path, run_dir, "event.png")
    cell = driver.find_element(By.CSS_SELECTOR, "#claim-cl-nine a.st-contradicted")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    assert "contradicted" in cell.text
    target = cell.get_attribute("href").split("#", 1)[1]
    cell.click()
    sentence = driver.find_element(By.ID, target)
    assert driver.execute_script("return document.querySelector(':target') === arguments[0]", sentence)
    in_view = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight && r.left < window.innerWidth && r.right > 0;",
        sentence)
    assert in_view
    assert "около пятидесяти" in sentence.text
    assert driver.execute_script("return document.activeElement === arguments[0]", sentence)
    _shot(driver, tmp_path, run_dir, "event-after-evidence-link.png")
    # and back: the sentence's badge links to the matrix row
    sentence.find_element(By.CSS_SELECTOR, "a.b-contradicted").click()
    assert driver.execute_script("return location.hash") == "#claim-cl-nine"
    # the translation toggle works and raises no error
    driver.find_element(By.ID, "show-translations").click()
    assert "hide-tr" in driver.find_element(By.TAG_NAME, "body").get_attribute("class")
    assert _severe(driver) == []


def test_filtering_the_matrix_to_contradicted_hides_the_other_rows(driver, run_dir, tmp_path):
    from selenium.webdriver.common.by import By

    driver.get((run_dir / "report" / "event-ev-severogorsk-raid.html").as_uri())
    rows = driver.find_elements(By.CSS_SELECTOR, "table.matrix tr.claim-row")
    assert len(rows) > 2 and all(r.is_displayed() for r in rows)
    radio = driver.find_element(By.CSS_SELECTOR, "#matrix-filter input[value=contradicted]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", radio)
    radio.click()
    shown = [r for r in rows if r.is_displayed()]
    assert shown and len(shown) < len(rows)
    assert all("contradicted" in r.get_attribute("data-statuses").split() for r in shown)
    assert all(r.find_elements(By.CSS_SELECTOR, ".st-contradicted") for r in shown)
    _shot(driver, tmp_path, run_dir, "event-filter-contradicted.png")
    driver.find_element(By.CSS_SELECTOR, "#matrix-filter input[value=all]").click()
    assert all(r.is_displayed() for r in rows)
    assert _severe(driver) == []


def test_handout_pages(driver, run_dir, tmp_path):
    from selenium.webdriver.common.by import By

    folder = run_dir / "handouts" / "ev-severogorsk-raid"
    driver.get((folder / "worksheet.html").as_uri())
    assert _severe(driver) == []
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "Во время рейда" in body and "İki qardaş" in body
    _shot(driver, tmp_path, run_dir, "worksheet.png")
    driver.get((folder / "answer-key.html").as_uri())
    assert _severe(driver) == []
    link = driver.find_element(By.CSS_SELECTOR, ".answer a[href^='#s-']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    target = driver.find_element(By.ID, link.get_attribute("href").split("#", 1)[1])
    assert driver.execute_script("return document.querySelector(':target') === arguments[0]", target)
    _shot(driver, tmp_path, run_dir, "answer-key.png")


def test_print_layout(driver, run_dir, tmp_path):
    import base64

    from selenium.webdriver.common.by import By

    driver.get((run_dir / "report" / "event-ev-severogorsk-raid.html").as_uri())
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        nav = driver.find_element(By.CSS_SELECTOR, "header.site nav")
        assert nav.value_of_css_property("display") == "none"
        texts = driver.find_element(By.CSS_SELECTOR, ".side-by-side")
        assert texts.value_of_css_property("display") == "block"   # columns wrap instead of scrolling
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(driver.print_page())
    assert pdf.startswith(b"%PDF")
    (tmp_path / "event.pdf").write_bytes(pdf)
    (run_dir / "screenshots" / "event-print.pdf").write_bytes(pdf)
