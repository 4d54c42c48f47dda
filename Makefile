# Two commands on a fresh machine with python3: `make run` (set up + build seeds/) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

# graph-notebook 5.3.0 pins old rdflib, ipython and jinja2: its own venv, with kg's venv as a second kernel
GN ?= .venv-gn
GN_STAMP := $(GN)/.installed

$(GN_STAMP):
	python3 -m venv $(GN)
	$(GN)/bin/python -m pip install -q --upgrade pip
	$(GN)/bin/python -m pip install -q graph-notebook==5.3.0
	touch $(GN_STAMP)

.PHONY: install run test bench score notebooks
install: $(STAMP)

notebooks: $(STAMP) $(GN_STAMP)
	$(PY) -m ipykernel install --prefix $(GN) --name kg --display-name "kg (.venv)" >/dev/null 2>&1
	@# Jupyter refuses to start as root (containers, CI) unless told: say so in this venv's own config only
	@if [ "$$(id -u)" = 0 ]; then mkdir -p $(GN)/etc/jupyter && \
	  echo '{"ServerApp": {"allow_root": true}}' > $(GN)/etc/jupyter/jupyter_server_config.json; fi
	@echo "kg: graph-notebook and Jupyter in $(GN), with kg's kernel; open them with: $(GN)/bin/jupyter lab notebooks"

run: $(STAMP)
	$(VENV)/bin/kg build seeds --out out

test: $(STAMP) notebooks
	$(PY) -m pytest -q

score: run
	$(PY) ../shared/eval/score.py out/graph.ttl ../shared/gold/seeds.yaml --articles ../shared/seeds

bench: $(STAMP)
	$(PY) bench/bench_build.py
