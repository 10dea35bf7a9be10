# Everything a fresh clone needs: python3 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== 五份真实年度报告（samples/），按 rubrics/shifan.yaml 打分排名，每年单独排名 =="
	@$(BIN)/lawgov-score rank --no-dimensions
	@echo
	@echo "== 乃东区 2022：失分最多的 10 项 =="
	@$(BIN)/lawgov-score gaps --unit 乃东区 --top 10
	@echo
	@echo "== 合成市（合成数据，samples/synthetic-city/）2024 年排名 =="
	@$(BIN)/lawgov-score rank samples/synthetic-city --year 2024 --no-dimensions

test: $(STAMP)
	$(BIN)/lawgov-score rubric check --strict rubrics/*.yaml
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
