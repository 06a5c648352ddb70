# The two commands of the README:
#   make demo   set up, check the bundled examples (and their layout), show a mistake, then
#               draw the universal scheme, write its guide and simulate the baseline (out/)
#   make test   set up and run the whole test suite, ruff and mypy
# Both create .venv and install what they need, Graphviz's `dot` included.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ENGINE := $(VENV)/.engine-built

.PHONY: demo test bench setup clean

setup: $(STAMP) $(ENGINE)

$(STAMP): pyproject.toml scripts/system-deps
	scripts/system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# The simulator's engine compiled with mypyc when a C compiler is there (optional: without it,
# or when the build is older than engine.py, the pure-Python engine runs; see simulate/accel.py)
$(ENGINE): $(STAMP) leadrules/simulate/engine.py leadrules/simulate/compile.py \
          leadrules/simulate/conditions.py leadrules/simulate/dists.py leadrules/simulate/records.py
	$(BIN)/python -m leadrules.simulate.accel
	touch $(ENGINE)

demo: $(STAMP) $(ENGINE)
	$(BIN)/leadrules check examples/*.leads examples/*.scenario
	$(BIN)/leadrules fmt --check examples/
	@echo
	@echo "--- and this is what mistakes look like:"
	@$(BIN)/leadrules check docs/tour/mistakes.leads || echo "(exit code $$? - expected: this file has mistakes on purpose)"
	@echo
	@echo "--- draw the universal scheme, write its status guide, simulate the baseline scenario:"
	@mkdir -p out
	$(BIN)/leadrules render examples/universal.leads -o out/universal.svg
	$(BIN)/leadrules guide examples/universal.leads -o out/guide.html
	$(BIN)/leadrules simulate examples/baseline.scenario --runs 4 --jobs 2 --report out/simulation.html
	@echo
	@echo "Open out/universal.svg, out/guide.html and out/simulation.html in a browser."

test: $(STAMP) $(ENGINE)
	$(BIN)/ruff check leadrules tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/pytest
	@echo "--- the simulator again on the pure-Python engine (the one that runs without a compiler):"
	LEADRULES_ENGINE=python $(BIN)/pytest tests/simulate tests/test_analytic.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_core.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
