# PUSPA — every target creates and uses the project's virtual environment by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# npm's record that node_modules/ matches package-lock.json (dynalite for the local stack).
NODE_STAMP := node_modules/.package-lock.json
# Lighthouse for `make audit` only (large; the tests do not need it).
AUDIT_STAMP := site/audit/node_modules/.package-lock.json
# The browser the portal tests drive: Debian's chromium (Playwright downloads nothing).
CHROMIUM := /usr/bin/chromium
# Where content is read from and outputs are written to (tests point these elsewhere).
CONTENT ?= content
DIST    ?= dist

.PHONY: help build check serve lembar-kantor dev chat package bench eval audit screenshots test lint format lock clean

help:  ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(AUDIT_STAMP): site/audit/package.json site/audit/package-lock.json
	npm ci --prefix site/audit --no-audit --no-fund --loglevel=error

$(CHROMIUM):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

build: $(STAMP)  ## Validate content, then write dist/site/ (portal) and dist/replies.json.
	$(BIN)/puspa --content $(CONTENT) build --dist $(DIST)

check: $(STAMP)  ## Validate content only (fast, for editors).
	$(BIN)/puspa --content $(CONTENT) check

serve: $(STAMP)  ## Live preview of the portal on http://127.0.0.1:8000/.
	$(BIN)/puspa --content $(CONTENT) serve

lembar-kantor: $(STAMP) $(CHROMIUM)  ## The office's fill-in sheet: dist/lembar-isian-kantor.html and .pdf.
	$(BIN)/puspa --content $(CONTENT) lembar-kantor --out $(DIST)

dev: build $(NODE_STAMP)  ## Local stack: dynalite on 127.0.0.1:4567, the webhook on 127.0.0.1:8080/webhook (PORT).
	$(BIN)/python -m puspa_local.dev

chat: build  ## Talk to the bot in the terminal (uses the local DynamoDB when `make dev` runs).
	$(BIN)/python -m puspa_local.chat

package: build  ## dist/lambda.zip for AWS Lambda (arm64, Python 3.13): responder, its dependencies, the reply index.
	$(BIN)/python -m puspa_release.package

bench: build  ## Cold start and per-message latency, as ratios to baselines in the same run.
	$(BIN)/python -m puspa_local.bench

eval: build  ## Measure how well the bot understands the messages in tests/eval/.
	$(BIN)/puspa eval

audit: build $(CHROMIUM) $(NODE_STAMP) $(AUDIT_STAMP)  ## Lighthouse (phone profile) and axe-core on the built portal; fails under the targets.
	$(BIN)/python -m puspa_portal.audit

screenshots: build $(CHROMIUM)  ## Pictures of the portal (phone, desktop) and a WhatsApp conversation in docs/img/.
	$(BIN)/python -m puspa_portal.screenshots

test: $(STAMP) $(CHROMIUM) $(NODE_STAMP)  ## Lint, then run the whole test suite (installs chromium if missing).
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/cfn-lint infra/template.yaml
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/pytest

lint: $(STAMP)  ## Lint and check formatting.
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)  ## Format the code.
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock:  ## Re-pin every dependency in constraints.txt (after changing pyproject.toml).
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip freeze --exclude-editable | grep -v '^puspa' > constraints.txt
	@touch $(STAMP)

clean:  ## Remove generated output and the virtual environment.
	rm -rf dist $(VENV)
