"""gunicorn's settings for `make serve` (production), read from the environment.

Sync workers, as many as the CPU count suggests (2 per core plus 1, gunicorn's
own advice), each serving one request at a time: the pages are short and
CPU-bound, and the database, not a worker, is where requests wait. Workers are
recycled after a few thousand requests so no slow leak outlives a day.

    GUNICORN_BIND       where to listen            127.0.0.1:8000
    WEB_CONCURRENCY     how many workers           2 × CPU cores + 1
    GUNICORN_TIMEOUT    seconds before a stuck worker is restarted   30
    FORWARDED_ALLOW_IPS proxies whose X-Forwarded-* gunicorn trusts   127.0.0.1
    GUNICORN_ACCESS_LOG a file, "-" for stdout, or "off"               -
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# One line per request on stdout (GUNICORN_ACCESS_LOG=off when the proxy in front
# logs requests already), errors on stderr: the service manager keeps them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
if accesslog == "off":
    accesslog = None
errorlog = "-"
# The application is imported in each worker, after the fork, so every worker
# opens its own database and Redis connections.
preload_app = False
wsgi_app = "coursesite.wsgi:application"
