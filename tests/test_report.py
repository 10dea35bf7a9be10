"""The HTML report as a person sees it: opened in headless Chromium, offline, without errors;
and the PNG charts, which never draw boxes for Chinese characters."""

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawgov_score import load_rubric
from lawgov_score.cli import app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CHROMIUM, DRIVER = (
    shutil.which("chromium") or "/usr/bin/chromium",
    shutil.which("chromedriver") or "/usr/bin/chromedriver",
)
runner = CliRunner()

# The test setup (`make test`, .ci/run) installs Chromium; in CI a missing browser is a failure.
have_browser = Path(CHROMIUM).exists() and Path(DRIVER).exists()
needs_browser = pytest.mark.skipif(
    not have_browser and not os.environ.get("CI"),
    reason="Chromium not installed: run `make browser` (Debian packages chromium, chromium-driver)",
)


def make_report(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["report", *args, "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=opts)
    yield driver
    driver.quit()


def open_page(driver, path: Path) -> tuple[list[str], list[dict]]:
    """Load the page; return the URLs it requested and its console messages."""
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(path.as_uri())
    driver.execute_script("return document.readyState")
    requests = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    return requests, driver.get_log("browser")


def box(driver, css: str) -> dict:
    return driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();return {w: r.width, h: r.height};", css
    )


@needs_browser
def test_sample_report_in_chromium(browser, tmp_path):
    page = make_report(tmp_path)
    requests, console = open_page(browser, page)
    assert requests == [page.as_uri()]  # the file itself and nothing else
    assert [m for m in console if m["level"] in ("SEVERE", "WARNING")] == []
    d = browser
    assert d.title == "市县法治政府建设示范指标（自评） 评估报告"
    rows = d.find_elements("css selector", "table.ranking tbody tr")
    assert [r.find_elements("css selector", "td")[1].text for r in rows] == [
        "高台县",
        "乃东区",
        "石峰区",
        "乐平市",
        "杭锦旗",
    ]
    # the three part scores follow the total's columns, then the dimensions
    heads = [th.text for th in d.find_elements("css selector", "table.ranking th")]
    assert heads[7:10] == ["书面评审", "实地评估", "人民群众满意度测评"]
    assert d.find_element("css selector", "table.ranking th:nth-child(11)").text.startswith("1 政府职能依法全面履行")
    assert len(d.find_elements("css selector", "svg.heatmap g.cell rect")) == 5 * 10
    assert len(d.find_elements("css selector", "svg.radar")) == 5
    assert len(d.find_elements("css selector", "svg.bars rect.bar")) == 5
    for css in ("svg.heatmap", "svg.radar", "svg.bars", "table.ranking"):
        b = box(d, css)
        assert b["w"] > 200 and b["h"] > 100, (css, b)
    # Chinese is drawn with a font that has it: two different characters give two different
    # pictures (a missing font draws the same empty box for both)
    same = d.execute_script("""
        const draw = ch => { const c = document.createElement('canvas'); c.width = c.height = 40;
          const x = c.getContext('2d'); x.font = '30px ' + getComputedStyle(document.body).fontFamily;
          x.fillText(ch, 2, 32); return Array.from(x.getImageData(0, 0, 40, 40).data).join(','); };
        return [draw('法') === draw('治'), draw('\u0378') === draw('\u0379')];""")
    assert same == [False, True]
    assert d.execute_script("return document.scripts.length") == 0
    shot = os.environ.get("LAWGOV_SCREENSHOT")
    if shot:  # how docs/report.png is made
        d.set_window_size(1400, 2300)
        d.save_screenshot(shot)


@needs_browser
def test_synthetic_city_report_in_chromium(browser, tmp_path):
    page = make_report(tmp_path, str(SAMPLES / "synthetic-city"), "--year", "2024")
    requests, console = open_page(browser, page)
    assert requests == [page.as_uri()]
    assert [m for m in console if m["level"] in ("SEVERE", "WARNING")] == []
    rows = browser.find_elements("css selector", "table.ranking tbody tr")
    assert len(rows) == 12
    assert rows[0].find_elements("css selector", "td")[1].text == "合成己县"
    assert len(browser.find_elements("css selector", "svg.radar")) == 12


def test_report_content_and_escaping(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(
        "unit,year,field,value,evidence\n"
        "<script>alert(1)</script>县,2024,court_appearance_rate,96.5,出庭应诉率96.5% <b>粗</b>\n"
        "甲县,2024,court_appearance_rate,100,出庭应诉率达100%\n",
        encoding="utf-8",
    )
    page = make_report(tmp_path, str(data), "--top", "3").read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;县" in page
    assert "&lt;b&gt;粗&lt;/b&gt;" in page
    assert not re.search(r"(src|href)=\"https?:", page) and "@import" not in page and "url(" not in page
    for part in (
        "概况",
        "排名",
        "热力图",
        "雷达图",
        "差距：失分最多的 3 项",
        "数据与佐证",
        "评分方法",
        "是/否：符合要求得满分",
        "出庭应诉率达100%",
        "d.csv:3",
    ):
        assert part in page, part


def test_report_needs_an_html_file(tmp_path):
    res = runner.invoke(app, ["report"])
    assert res.exit_code == 2 and "-o" in res.output
    res = runner.invoke(app, ["report", "-o", str(tmp_path / "x.pdf")])
    assert res.exit_code == 2 and ".html" in res.output
    assert not (tmp_path / "x.pdf").exists()


def test_png_charts(tmp_path):
    png = tmp_path / "图表"
    res = runner.invoke(app, ["report", "-o", str(tmp_path / "r.html"), "--png", str(png)])
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in png.iterdir())
    assert names == sorted(
        ["heatmap.png", "totals.png"]
        + [f"radar-{u}.png" for u in ("乃东区_2022", "乐平市_2024", "杭锦旗_2024", "石峰区_2023", "高台县_2022")]
    )
    from PIL import Image

    with Image.open(png / "heatmap.png") as im:
        assert im.format == "PNG" and im.width > 800


def test_no_cjk_font_says_so_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWGOV_CJK_FONT", str(tmp_path / "missing.ttf"))
    res = runner.invoke(app, ["report", "-o", str(tmp_path / "r.html"), "--png", str(tmp_path / "png")])
    assert res.exit_code == 2
    problems = [line for line in res.output.strip().splitlines() if ": W-" not in line]  # warnings on the scores aside
    assert len(problems) == 1 and "字体" in res.output
    assert list(tmp_path.iterdir()) == []


def test_font_search_refuses_a_font_without_the_characters(monkeypatch):
    from lawgov_score.output.png import FontMissing, find_cjk_font

    monkeypatch.delenv("LAWGOV_CJK_FONT", raising=False)
    assert find_cjk_font("法治政府建设")  # the test setup installs fonts-noto-cjk
    with pytest.raises(FontMissing, match="fonts-noto-cjk"):
        find_cjk_font("法治\u0378")  # an unassigned character no font has


def test_a_system_without_cjk_fonts_gets_no_boxes(monkeypatch):
    """matplotlib's own fonts (DejaVu, and Last Resort, whose every glyph is a box) are not enough."""
    from matplotlib import font_manager

    from lawgov_score.output.png import FontMissing, find_cjk_font

    monkeypatch.delenv("LAWGOV_CJK_FONT", raising=False)
    bundled = [f for f in font_manager.fontManager.ttflist if "mpl-data" in f.fname]
    assert any("LastResort" in f.fname for f in bundled)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", bundled)
    with pytest.raises(FontMissing):
        find_cjk_font("乃东区 政府职能依法全面履行")


EXAMPLE = ROOT / "docs" / "examples" / "example-synthetic.csv"
EXAMPLE_RUBRIC = ROOT / "rubrics" / "example.yaml"


def test_a_dimension_of_bonus_and_veto_items_alone_draws(tmp_path):
    """rubrics/example.yaml's 加分与否决 has no full marks of its own: the heat map once failed on
    its percent (E-INTERNAL); it is drawn with its score and no percent."""
    out, png = tmp_path / "r.html", tmp_path / "png"
    res = runner.invoke(app, ["report", str(EXAMPLE), "-r", str(EXAMPLE_RUBRIC), "-o", str(out), "--png", str(png)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    start = html.index('<section id="heatmap">')
    heatmap = html[start : html.index("</section>", start)]  # the units' map, not the audit's
    assert heatmap.count('<g class="cell">') == 4 * 4  # four units × four dimensions, the bonus one included
    assert "heatmap.png" in {p.name for p in png.iterdir()}


def test_a_unit_name_with_dollar_signs_is_plain_text_in_the_charts(tmp_path):
    """matplotlib reads $…$ as math: 甲$x^2$县 was drawn as a formula and $\\frac{a}{$ crashed it."""
    text = EXAMPLE.read_text(encoding="utf-8")
    data = tmp_path / "math.csv"
    data.write_text(text.replace("示例甲县", "示例$x^2$县").replace("示例乙县", "示例$\\frac{a}{$县"), encoding="utf-8")
    out, png = tmp_path / "r.html", tmp_path / "png"
    res = runner.invoke(app, ["report", str(data), "-r", str(EXAMPLE_RUBRIC), "-o", str(out), "--png", str(png)])
    assert res.exit_code == 0, res.output
    assert {"radar-示例$x^2$县.png", "radar-示例$_frac{a}{$县.png"} <= {p.name for p in png.iterdir()}
    from lawgov_score.output import png as png_module

    assert png_module.PLAIN_TEXT["text.parse_math"] is False


def _coloured_share(png_bytes: bytes, box: tuple[float, float, float, float]) -> float:
    """The share of pixels in ``box`` (fractions of the image: left, top, right, bottom) that
    are not white: how much of that part of a screenshot is drawn."""
    import io

    from PIL import Image

    with Image.open(io.BytesIO(png_bytes)) as im:
        im = im.convert("RGB")
        w, h = im.size
        part = im.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
        colours = part.getcolors(part.width * part.height) or []
    drawn = sum(n for n, rgb in colours if min(rgb) < 235)
    return drawn / max(sum(n for n, _ in colours), 1)


@needs_browser
@pytest.mark.parametrize("width", [1400, 420])
def test_report_layout_at_desktop_and_phone_widths(browser, tmp_path, width):
    """Looked at as pictures at 1400 and 420 pixels: the charts use the width, the heat map's
    right edge is drawn (no blank band of slanted labels), nothing overflows sideways, the radar
    labels are whole, the per-unit gap tables are collapsed behind a table of contents."""
    page = make_report(tmp_path, str(SAMPLES / "synthetic-city"), "--year", "2024", "--by", "level")
    d = browser
    d.set_window_size(width, 1000)
    try:
        open_page(d, page)
        doc = d.execute_script(
            "const e = document.documentElement; return {sw: e.scrollWidth, cw: e.clientWidth,"
            " main: document.querySelector('main').clientWidth}"
        )
        assert doc["sw"] <= doc["cw"], doc  # no sideways scrolling of the page
        inner = doc["main"] - (64 if width > 600 else 24)
        for css, share in (("svg.heatmap", 0.85), ("svg.bars", 0.75)):
            assert box(d, css)["w"] >= share * min(inner, 1400 - 64), (css, box(d, css), inner)
        heat = d.find_element("css selector", "svg.heatmap")
        shot = heat.screenshot_as_png
        (tmp_path / f"heatmap-{width}.png").write_bytes(shot)
        # the right tenth of the heat map holds cells, the left of the cells the unit names
        assert _coloured_share(shot, (0.9, 0.3, 1.0, 1.0)) > 0.5
        # the radar's axis labels: whole names (id and name), inside the chart
        names = d.execute_script(
            "const s = document.querySelector('svg.radar'); const b = s.getBoundingClientRect();"
            "return Array.from(s.querySelectorAll('text.axis')).map(t => { const r = t.getBoundingClientRect();"
            " return [t.textContent, r.left >= b.left - 1 && r.right <= b.right + 1 && r.top >= b.top - 1"
            " && r.bottom <= b.bottom + 1]; })"
        )
        dims = [f"{x.id} {x.name}" for x in load_rubric(ROOT / "rubrics" / "shifan.yaml").dimensions()]
        assert [n.replace(" ", "") for n, _ in names] == [n.replace(" ", "") for n in dims]
        assert all(inside for _, inside in names), names
        d.find_element("css selector", "svg.radar").screenshot(str(tmp_path / f"radar-{width}.png"))
        # per-unit details collapsed, one link per unit in the table of contents
        details = d.find_elements("css selector", "#gaps details")
        assert len(details) == 12 and not any(x.get_attribute("open") for x in details)
        assert len(d.find_elements("css selector", "#gaps ul.toc a")) == 12
        assert d.find_element("css selector", "table.ranking thead").text.split()[:4] == [
            "排名",
            "单位",
            "年度",
            "层级",
        ]
        d.save_screenshot(str(tmp_path / f"page-{width}.png"))
    finally:
        d.set_window_size(1400, 1000)


def test_the_method_section_carries_how_the_points_are_shared(tmp_path):
    """An official has the report, not the project's docs: the share of each dimension is in it."""
    html = make_report(tmp_path).read_text(encoding="utf-8")
    method = html[html.index('<section id="method">') :]
    rows = re.findall(
        r'<tr><td>(\d+)</td><td>([^<]+)</td><td class="n">([\d.]+)</td><td class="n">([\d.]+)%</td>', method
    )
    rubric = load_rubric(ROOT / "rubrics" / "shifan.yaml")
    assert [(i, n) for i, n, _, _ in rows] == [(d.id, d.name) for d in rubric.dimensions()]
    assert sum(float(p) for _, _, p, _ in rows) == rubric.total == 1000
    assert abs(sum(float(s) for _, _, _, s in rows) - 100) < 0.5


def test_report_by_level_ranks_within_groups_and_names_the_best_by_total(tmp_path):
    html = make_report(tmp_path, str(SAMPLES / "synthetic-city"), "--year", "2024", "--by", "level").read_text(
        encoding="utf-8"
    )
    ranking = html[html.index('<table class="ranking">') : html.index("</table>", html.index('class="ranking"'))]
    rows = re.findall(
        r'<tr[^>]*><td class="n">(\d+)</td><td class="u">([^<]+)</td><td class="n">2024</td>'
        r'<td class="u">([^<]+)</td>',
        ranking,
    )
    assert [(r, lv) for r, _, lv in rows][:3] == [("1", "区"), ("2", "区"), ("3", "区")]
    assert {lv for _, _, lv in rows} == {"区", "县", "县级市"} and sum(r == "1" for r, _, _ in rows) == 3
    # the summary's best and worst are by total, whatever the groups' order
    assert "最高 合成己县 958.63 分，最低 合成甲县 711.38 分" in html
