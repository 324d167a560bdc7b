# Medspill production image: gunicorn serves the portal; the same image runs
# the Celery worker and beat (see docker-compose.yml).

# --- Front-end files from npm (Designsystemet CSS, Inter) -------------------
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# --- Python application -------------------------------------------------------
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH="/app/.venv/bin:$PATH"

# Pango and HarfBuzz for WeasyPrint (PDF summaries).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

RUN python -m pip install --no-cache-dir uv

WORKDIR /app
COPY pyproject.toml uv.lock .python-version ./
RUN python -m uv sync --frozen --no-dev --no-install-project

COPY --from=assets /app/node_modules ./node_modules
COPY . .

# collectstatic needs the production settings to load; these values exist only
# for this build step and are not kept in the image.
RUN MEDSPILL_ENV=production \
    SECRET_KEY=build-only-not-a-secret \
    ALLOWED_HOSTS=localhost \
    SMTP_HOST=localhost \
    python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin medspill \
    && mkdir -p /app/media \
    && chown -R medspill:medspill /app/media
USER medspill

ENV MEDSPILL_ENV=production \
    MEDIA_ROOT=/app/media \
    WEB_CONCURRENCY=3

EXPOSE 8000
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--no-control-socket", \
     "--access-logfile", "-"]
