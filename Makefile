# Everything a fresh clone needs: python3 and make (and, for the browser tests, Debian's apt).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out
# What the report tests look at the page with, and the fonts Chinese is drawn with.
BROWSER_PACKAGES := chromium chromium-driver fonts-noto-cjk

.PHONY: demo test test-fast bench extract-unseen extract-unseen2 extract-unseen3 browser clean

$(STAMP): pyproject.toml
	@echo "setup: a virtual environment in $(VENV) with lawgov-score and its test dependencies (pip, pyproject.toml)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== 五份真实年度报告（samples/），按 rubrics/shifan.yaml 打分排名，每年单独排名 =="
	@$(BIN)/lawgov-score rank --no-dimensions
	@echo
	@echo "== 乃东区 2022：失分最多的 8 项 =="
	@$(BIN)/lawgov-score gaps --unit 乃东区 --top 8 --path none
	@echo
	@echo "== 合成市（合成数据，samples/synthetic-city/）2024 年排名 =="
	@$(BIN)/lawgov-score rank samples/synthetic-city --year 2024 --no-dimensions
	@echo
	@echo "== 合成辛市 2024：失分最多的 5 项，以及到“示范水平（自评）”的最短路径 =="
	@$(BIN)/lawgov-score gaps samples/synthetic-city --unit 合成辛市 --top 5
	@echo
	@echo "== Excel 工作簿、HTML 报告和填报模板 =="
	@$(BIN)/lawgov-score rank -o $(OUT)/排名.xlsx
	@$(BIN)/lawgov-score report -o $(OUT)/report.html
	@$(BIN)/lawgov-score template -o $(OUT)/填报模板.xlsx
	@echo "演示结果：工作簿 $(OUT)/排名.xlsx（排名、得分明细、差距），报告 $(OUT)/report.html（用浏览器打开），填报模板 $(OUT)/填报模板.xlsx"

# The national-scale benchmark (run on demand, a few minutes; not part of the tests).
bench: $(STAMP)
	$(BIN)/python bench/national.py
	$(BIN)/python bench/sensitivity_national.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/audit_national.py --figure docs/figures/audit-bench.png
	$(BIN)/python bench/methods_national.py

# How `extract` reads report text never used to build or tune it (tests/data/unseen/, synthetic):
# precision and recall overall, per kind and per field; figures only, no text of the set.
extract-unseen: $(STAMP)
	$(BIN)/python tests/extract_unseen.py

# The same on a second unseen set (tests/data/unseen2/, synthetic), written apart from the first and
# before the extractor changes it measures.
extract-unseen2: $(STAMP)
	$(BIN)/python tests/extract_unseen.py --set tests/data/unseen2

# The same on a third unseen set (tests/data/unseen3/, synthetic), written apart from the other two
# while the extractor was being changed, for the figures the first two can no longer give unseen.
extract-unseen3: $(STAMP)
	$(BIN)/python tests/extract_unseen.py --set tests/data/unseen3

# The report tests look at the HTML page in headless Chromium, with a CJK font to draw Chinese.
# Installed once with Debian's apt-get, which needs root; the target says what it installs and why
# before it does.  BROWSER=skip leaves the system alone (the browser tests are then skipped).
BROWSER ?= install
browser:
	@if [ "$(BROWSER)" = skip ]; then echo "browser: BROWSER=skip: not installing $(BROWSER_PACKAGES); the browser tests are skipped"; \
	elif dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then echo "browser: no apt-get here; install Chromium, chromedriver and a CJK font by hand"; \
	elif [ "$$(id -u)" != 0 ]; then echo "browser: run as root (or: sudo apt-get install $(BROWSER_PACKAGES)) for the browser tests"; \
	else echo "browser: the report tests look at the page in headless Chromium and need a CJK font."; \
	  echo "browser: installing the Debian packages $(BROWSER_PACKAGES) with apt-get as root (once; BROWSER=skip to skip)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES) >/dev/null; fi

# The whole suite on every core (pytest-xdist).  `make test-fast` leaves out the tests marked slow
# (the browser, the CI recipes in scratch repositories, sampling at scale): for quick loops.
test: $(STAMP) browser
	$(BIN)/ruff check lawgov_score tests bench
	$(BIN)/lint-imports
	$(BIN)/lawgov-score rubric check --strict rubrics/*.yaml
	$(BIN)/python -m pytest -n auto --durations=15

test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow"

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis $(OUT)
