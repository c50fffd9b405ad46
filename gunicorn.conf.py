"""gunicorn's settings for the image (gunicorn reads ./gunicorn.conf.py by itself), from the
environment so a deployment can size them without a rebuild.

Threaded workers (gthread): most of a request's time is spent waiting on PostgreSQL or Redis, and
threads keep serving other requests meanwhile, where one sync worker would queue them all. Several
processes keep the site up when one is busy in Python or is being recycled."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count(), 8)))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
# A request still running after this many seconds has its worker restarted. Requests wait at most
# FETCH_TIMEOUT on an outbound fetch.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5
# Recycle workers now and then (jittered, so not all at once) to bound any slow memory growth.
# Not often: a new worker loads the project again (about a second of CPU) and drops its kept-alive
# connections. Every 2,000 requests, 20 clients at full speed made each of four workers restart
# every half minute; every 10,000, bench/load.py answered 12-19 % more requests in the same time.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 10_000))
max_requests_jitter = max_requests // 10
accesslog = "-"
