# Developer shortcuts. `make demo` builds a knowledge base from the bundled example
# articles and starts the web app (the URL is printed); Ctrl-C stops it.

PY ?= .venv/bin/python
DEMO_DB ?= out/demo.db
PORT ?= 8000

.PHONY: demo serve-bench

demo:
	@mkdir -p $(dir $(DEMO_DB))
	$(PY) -m jaanch.cli_web --demo --db sqlite:///$(abspath $(DEMO_DB)) --port $(PORT)

serve-bench:
	$(PY) bench/serve.py
