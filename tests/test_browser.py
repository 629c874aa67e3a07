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


def _chrome(tmp_path_factory, *, javascript: bool = True):
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium and chromedriver are not installed")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                f"--user-data-dir={tmp_path_factory.mktemp('chrome-profile')}", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    drv = _chrome(tmp_path_factory)
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


SCREENSHOTS = Path(__file__).resolve().parents[1] / "runs" / "screenshots"   # runs/ is git-ignored


def _shot(driver, tmp_path, run_dir, name):
    """A full-page screenshot: the window is made as tall as the page first."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, min(height + 80, 16000))
    driver.save_screenshot(str(tmp_path / name))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / name))
    driver.set_window_size(1400, 1000)


def _images_load(driver):
    """Every <img> of the page has loaded (a missing or blocked file has naturalWidth 0)."""
    broken = driver.execute_script(
        "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
        ".map(i => i.getAttribute('src'))")
    assert broken == [], broken
    return driver.execute_script("return document.images.length")


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
    from selenium.webdriver.support.ui import Select

    driver.get((run_dir / "report" / "event-ev-severogorsk-raid.html").as_uri())
    rows = driver.find_elements(By.CSS_SELECTOR, "table.matrix tr.claim-row")
    assert len(rows) > 2 and all(r.is_displayed() for r in rows)
    status = driver.find_element(By.ID, "mf-status")
    assert status.is_displayed()
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", status)
    Select(status).select_by_value("contradicted")
    shown = [r for r in rows if r.is_displayed()]
    assert shown and len(shown) < len(rows)
    assert all("contradicted" in r.get_attribute("data-statuses").split() for r in shown)
    assert all(r.find_elements(By.CSS_SELECTOR, ".st-contradicted") for r in shown)
    _shot(driver, tmp_path, run_dir, "event-filter-contradicted.png")
    # and within one language: contradicted by an Azerbaijani outlet
    Select(driver.find_element(By.ID, "mf-who")).select_by_value("lang:az")
    shown_az = [r for r in rows if r.is_displayed()]
    assert shown_az and all(r.find_elements(By.CSS_SELECTOR, "td[data-lang=az] .st-contradicted") for r in shown_az)
    assert "of" in driver.find_element(By.CSS_SELECTOR, "#matrix-controls .filter-count").text
    Select(status).select_by_value("all")
    Select(driver.find_element(By.ID, "mf-who")).select_by_value("")
    assert all(r.is_displayed() for r in rows)
    assert _severe(driver) == []


def test_the_matrix_controls_work_from_the_keyboard(driver, run_dir):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get((run_dir / "report" / "event-ev-severogorsk-raid-matrix.html").as_uri())
    status = driver.find_element(By.ID, "mf-status")
    label = driver.find_element(By.CSS_SELECTOR, "label[for=mf-status]")
    assert label.is_displayed() and status.tag_name == "select"
    status.send_keys(Keys.END)   # the last option: ✓ asserted
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.claim-row")
    shown = [r for r in rows if r.is_displayed()]
    assert shown and all("asserted" in r.get_attribute("data-statuses").split() for r in shown)
    assert _severe(driver) == []


def test_handout_pages(driver, run_dir, tmp_path):
    from selenium.webdriver.common.by import By

    folder = run_dir / "handouts" / "ev-severogorsk-raid"
    driver.get((folder / "worksheet.html").as_uri())
    assert _severe(driver) == []
    body = driver.find_element(By.TAG_NAME, "body").text
    assert "Во время рейда" in body and "İki qardaş" in body
    # the worksheet never leads to the answers: no link to the key, and no answer block
    links = [a.get_attribute("href") or "" for a in driver.find_elements(By.TAG_NAME, "a")]
    assert not any("answer-key" in href for href in links), links
    assert driver.find_elements(By.CSS_SELECTOR, ".answer") == []
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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "event-print.pdf").write_bytes(pdf)


# --------------------------------------------------------------------------- the demo report
@pytest.fixture(scope="module")
def demo_report(demo_run):
    return demo_run / "report"


def test_demo_event_page_is_short_and_every_image_loads(driver, demo_report, tmp_path):
    """The largest demo event's page, default view, at 1,400 px: under 8,000 px tall."""
    driver.set_window_size(1400, 1000)
    driver.get((demo_report / "event-E001.html").as_uri())
    height = driver.execute_script("return document.documentElement.scrollHeight")
    assert height < 8000, height
    assert _images_load(driver) >= 1
    assert _severe(driver) == []
    _shot(driver, tmp_path, demo_report.parent, "demo-event-E001.png")
    for page in sorted(demo_report.glob("*.html")):
        driver.get(page.as_uri())
        _images_load(driver)
        assert _severe(driver) == [], page.name


def test_demo_evidence_link_opens_the_folded_texts(driver, demo_report):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get((demo_report / "event-E001.html").as_uri())
    texts = driver.find_element(By.ID, "texts-box")
    assert texts.get_attribute("open") is None          # a long event's texts start folded
    cell = driver.find_element(By.CSS_SELECTOR, "table.matrix a.st-contradicted")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    target = cell.get_attribute("href").split("#", 1)[1]
    cell.click()
    sentence = driver.find_element(By.ID, target)

    def opened_and_focused(d):
        return texts.get_attribute("open") is not None and sentence.is_displayed() and \
            d.execute_script("return document.activeElement === arguments[0]", sentence)

    # the page's script reacts to the click; on a loaded machine give it time
    WebDriverWait(driver, 10).until(opened_and_focused)


def test_demo_matrix_sorts_by_time_and_keeps_its_header_in_view(driver, demo_report, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get((demo_report / "event-E001-matrix.html").as_uri())
    Select(driver.find_element(By.ID, "mf-sort")).select_by_value("time")
    for body in driver.find_elements(By.CSS_SELECTOR, "table.matrix tbody"):
        times = [t or "~" for t in driver.execute_script(
            "return Array.from(arguments[0].querySelectorAll('tr.claim-row')).map(r => r.dataset.time)", body)]
        assert times == sorted(times)
    # the header row stays in view while the table scrolls
    wrap = driver.find_element(By.CSS_SELECTOR, ".matrix-wrap")
    head = wrap.find_element(By.CSS_SELECTOR, "thead")
    first = wrap.find_element(By.CSS_SELECTOR, "tr.claim-row")
    driver.execute_script("arguments[0].scrollTop = 1500", wrap)
    assert first.rect["y"] < wrap.rect["y"]                   # the first rows scrolled away ...
    assert abs(head.rect["y"] - wrap.rect["y"]) < 2           # ... the header stayed at the top
    _shot(driver, tmp_path, demo_report.parent, "demo-matrix-E001.png")
    assert _severe(driver) == []


def test_zipped_demo_report_opens_elsewhere(driver, demo_report, tmp_path):
    """The report folder zipped and unpacked somewhere else works on its own:
    pages, figures and handouts load from the copy."""
    import zipfile

    archive = tmp_path / "report.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for f in demo_report.rglob("*"):
            z.write(f, f.relative_to(demo_report))
    copy = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as z:
        z.extractall(copy)
    from selenium.webdriver.common.by import By

    driver.get((copy / "index.html").as_uri())
    assert _images_load(driver) >= 1 and _severe(driver) == []
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[href]")]
    local = [h for h in links if h.startswith("file:")]
    assert local and all(h.startswith(copy.as_uri()) for h in local)
    for href in sorted({h.split("#")[0] for h in local if h.endswith(".html") or ".html#" in h}):
        driver.get(href)
        _images_load(driver)
        assert _severe(driver) == [], href
    _shot(driver, tmp_path, demo_report.parent, "demo-index-from-zip.png")


def test_demo_event_page_reads_without_javascript(tmp_path_factory, demo_report):
    """With JavaScript off: no dead controls, the key rows and a link to the
    full matrix, the page still short, and an evidence link still opens the
    folded texts (the browser opens a <details> holding the link's target)."""
    from selenium.webdriver.common.by import By

    drv = _chrome(tmp_path_factory, javascript=False)
    try:
        drv.get((demo_report / "event-E001.html").as_uri())
        assert drv.find_element(By.CSS_SELECTOR, ".filter-count").get_attribute("textContent") == ""  # no script ran
        assert not drv.find_element(By.ID, "matrix-controls").is_displayed()
        assert drv.execute_script("return document.documentElement.scrollHeight") < 8000
        assert drv.find_element(By.CSS_SELECTOR, "a[href='event-E001-matrix.html']").is_displayed()
        cell = drv.find_element(By.CSS_SELECTOR, "table.matrix a.st-contradicted")
        drv.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
        target = cell.get_attribute("href").split("#", 1)[1]
        cell.click()
        assert drv.find_element(By.ID, target).is_displayed()
    finally:
        drv.quit()
