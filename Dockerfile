# One image for the web server, the Celery worker and the scheduler (docker-compose.yml picks the
# command). Settings come from the environment; see the configuration table in README.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so code changes reuse this layer: install the project's requirements from
# pyproject.toml with an empty package, then the real code.
COPY pyproject.toml README.md ./
RUN mkdir factcheck sources claims reliability \
    && pip install . \
    && pip uninstall --yes factcheck

COPY . .
RUN pip install --no-deps . \
    && python manage.py collectstatic --noinput \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin factcheck

USER factcheck
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
