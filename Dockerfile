# One image for the web server, the Celery worker and the scheduler (docker-compose.yml picks the
# command). Settings come from the environment; see the configuration table in README.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so code changes reuse this layer: exactly the versions in the lock file
# (README "Dependencies"), so two builds of the image run the same code.
COPY requirements.lock ./
RUN pip install --no-deps --requirement requirements.lock

COPY . .
# Static files are collected with the production settings the image runs with, so the manifest
# that CompressedManifestStaticFilesStorage serves from is written. The placeholder key exists
# only for this command; the containers get SECRET_KEY from the environment.
RUN pip install --no-deps . \
    && FACTCHECK_ENVIRONMENT=production SECRET_KEY=collectstatic-build-placeholder \
       python manage.py collectstatic --noinput \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin factcheck

USER factcheck
EXPOSE 8000
# Workers, threads and timeout: gunicorn.conf.py, from GUNICORN_* variables.
CMD ["gunicorn", "factcheck.wsgi:application"]
