# Two commands do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   := .venv
PY     := $(VENV)/bin/python
RASA   := $(VENV)/bin/rasa
STAMP  := $(VENV)/.installed
MODEL  := models/bot.tar.gz
PORT   ?= 5005
ACTIONS_PORT ?= 5055
WIDGET_PORT ?= 8080
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

# The lexicons (data/lexicon/) are read at run time, so safety updates need no retraining. Our trainable
# component's code is an input too (Rasa's training cache does not see code changes, so it is off).
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) bot/safety/classifier.py $(wildcard bot/nlu/*.py)
CONTENT_INPUTS  := $(wildcard data/content/*.yml data/content/topics/*.yml data/content/topics/*/*.yml) domain.yml bot/content/db/models.py bot/content/db/engine.py

.PHONY: help setup train content run run-cluster shell bench test test-unit validate audit test-stories eval rules compare-models compare-languages lock clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

setup: $(STAMP) ## build .venv from Python 3.10, install the pinned dependencies, Chromium and nginx
$(STAMP): requirements.lock pyproject.toml scripts/setup_venv.sh scripts/setup_system.sh
	@scripts/setup_system.sh
	@scripts/setup_venv.sh

train: $(MODEL) ## train the model if config.yml, domain.yml or data/*.yml changed
$(MODEL): $(STAMP) $(TRAINING_INPUTS)
	@mkdir -p models var
	@echo "Training the model (about 7-8 minutes on 2 cores)..."
	@start=$$(date +%s); \
	RASA_MAX_CACHE_SIZE=0 $(RASA) train --fixed-model-name bot --out models --quiet > var/train.log 2>&1 || { tail -40 var/train.log; exit 1; }; \
	echo "Training finished in $$(( $$(date +%s) - start )) s" | tee var/train-time.txt
	@touch $(MODEL)

content: var/content.stamp ## validate data/content/ and load it into the content store
var/content.stamp: $(STAMP) $(CONTENT_INPUTS)
	@mkdir -p var
	@$(PY) -m bot content load
	@touch $@

run: $(MODEL) var/content.stamp ## set up, train, load content if needed; start actions, the bot on :5005, the widget on :8080 (and /staff with STAFF_TOKEN=...)
	@scripts/run.sh $(PORT) $(ACTIONS_PORT) $(WIDGET_PORT)

run-cluster: $(MODEL) ## the scale-out profile: nginx + 2 Rasa replicas + 2 action servers, PostgreSQL + Redis
	@scripts/run_cluster.sh

shell: $(MODEL) var/content.stamp ## chat in the terminal (rasa shell) using the running action server
	@curl -sf http://localhost:$(ACTIONS_PORT)/health >/dev/null || \
	  echo "Note: no action server on :$(ACTIONS_PORT) - start 'make run' in another terminal for topic answers."
	@echo "Loading the bot (about 20 s). Errors show here; the full log is var/shell.log."
	@$(PY) -m bot.tools.launch --log var/shell.log --keep-stdout shell -m $(MODEL) --endpoints endpoints.yml -p 5006

validate: $(STAMP) ## check the Rasa data (fails on warnings) and the curated content
	$(RASA) data validate --fail-on-warnings
	$(PY) -m bot rules --check
	$(PY) -m bot content validate

audit: $(STAMP) ## content governance: reviews past due, sources off the allow-list, [source needed], unlisted phone numbers
	$(PY) -m bot content audit

test-unit: $(STAMP) ## pytest: store, loader, NLU components, actions (no trained model needed)
	$(PY) -m pytest -q -m "not model" -p no:cacheprovider

test-stories: $(MODEL) ## run the test stories; any wrong prediction fails
	$(RASA) test core -m $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/core

eval: $(MODEL) ## dev and the newest unfolded blind batch (if any) side by side, then the Spanish ones; dev floors: accuracy/macro-F1 0.92, crisis recall 100%, false alarms 2%
	$(PY) -m bot eval --model $(MODEL) --nlu-test tests/nlu_test.yml --crisis-test tests/crisis_test.yml --floor 0.92 --fp-ceiling 0.02

rules: $(STAMP) ## regenerate data/rules_generated.yml (topic, crisis and safety-check rules) and the free-text slot guards in domain.yml
	$(PY) -m bot rules

compare-models: $(STAMP) ## LR vs DIET vs DIET + WordLlama dense features: cross-validation and blind batch (about 1.5 hours on 2 cores)
	@scripts/compare_models.sh

compare-languages: $(MODEL) ## one model for English and Spanish vs a model per language: trains both, evaluates like make eval (about 15 min)
	@scripts/compare_languages.sh

test: validate audit test-unit $(MODEL) var/content.stamp test-stories eval ## everything CI runs
	$(PY) -m pytest -q -m model -p no:cacheprovider

bench: $(STAMP) ## benchmark against the stock `rasa init` bot: latency, throughput, memory, start-up, training
	$(PY) -m bot bench

lock: ## re-pin requirements.lock from a fresh install of requirements.in
	rm -rf /tmp/lock-venv && $$(scripts/find_python310.sh) -m venv /tmp/lock-venv && \
	/tmp/lock-venv/bin/pip install -q "pip==24.0" && /tmp/lock-venv/bin/pip install -q -r requirements.in && \
	/tmp/lock-venv/bin/pip freeze --exclude-editable | grep -v '^opioid-support-bot' > requirements.lock

clean: ## remove the trained model, content database and results (keeps .venv)
	rm -rf models var results/core results/nlu
