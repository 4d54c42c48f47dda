# Two commands on a fresh machine with python3: `make run` (set up + build seeds/) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

.PHONY: install run test bench score
install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/kg build seeds --out out

test: $(STAMP)
	$(PY) -m pytest -q

score: run
	$(PY) ../shared/eval/score.py out/graph.ttl ../shared/gold/seeds.yaml --articles ../shared/seeds

bench: $(STAMP)
	$(PY) bench/bench_build.py
