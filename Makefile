# What a developer does. `make demo` and `make test` need only Python 3.13
# (pyenv), pip, Node 20 and npm on the machine.
export UV_PYTHON_DOWNLOADS := never
UV := python -m uv
PORT ?= 8000

.PHONY: install demo serve test test-fast test-gates lint check messages bench-pages bench-load bench-notifications clean

install:
	@python -m uv --version >/dev/null 2>&1 || python -m pip install --quiet uv
	$(UV) sync --quiet
	npm ci --no-audit --no-fund --loglevel=error

demo: install
	$(UV) run python manage.py migrate --noinput
	$(UV) run python manage.py seed_demo
	$(UV) run python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(UV) run pytest $(PYTEST_ARGS)

# Everything but the browser gates (chromium, axe, vnu): the quick loop.
test-fast: install
	$(UV) run pytest -m "not browser" $(PYTEST_ARGS)

# Only the browser gates: needs Debian's chromium (apt-get install chromium).
test-gates: install
	$(UV) run pytest -m browser $(PYTEST_ARGS)

lint: install
	$(UV) run ruff check .
	$(UV) run ruff format --check .

check: install
	$(UV) run python manage.py check
	$(UV) run python manage.py makemigrations --check --dry-run

# After changing UI text: update locale/nn and locale/en, translate what is new
# or fuzzy in the .po files, then run it again to compile. A test fails while
# a string is untranslated.
messages: install
	$(UV) run python manage.py makemessages -l nn -l en --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests
	$(UV) run python manage.py compilemessages -l nn -l en --ignore=.venv --ignore=node_modules

bench-pages: install
	$(UV) run python bench/pages.py

bench-load: install
	$(UV) run python bench/load.py

# N status changes → e-mails by one worker; BENCH_ARGS="--kill-worker 5" kills it.
bench-notifications: install
	$(UV) run python bench/notifications.py $(BENCH_ARGS)

clean:
	rm -rf .venv node_modules db.sqlite3 staticfiles media .pytest_cache
