"""factcheck settings: every value comes from the environment, with defaults that are safe for a
developer's machine. Production (FACTCHECK_ENVIRONMENT=production) has no defaults for secrets and
turns on the transport-security settings that `manage.py check --deploy` asks for."""

import datetime
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

ENVIRONMENT = env.str("FACTCHECK_ENVIRONMENT", default="development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise environ.ImproperlyConfigured(
        f"FACTCHECK_ENVIRONMENT must be development, test or production, not {ENVIRONMENT!r}"
    )
IS_PRODUCTION = ENVIRONMENT == "production"

DEBUG = env.bool("DEBUG", default=not IS_PRODUCTION)
if IS_PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
else:
    SECRET_KEY = env.str(
        "SECRET_KEY", default="insecure-local-development-key-never-used-in-production"
    )
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if IS_PRODUCTION else ["127.0.0.1", "localhost"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/factcheck"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# A pooled connection the server has closed (restart, pg_terminate_backend, failover) is found out
# before the request uses it, instead of failing that request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")

INSTALLED_APPS = [
    "pghistory.admin",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "pgtrigger",
    "pghistory",
    "django_celery_beat",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "sources",
    "claims",
    "reliability",
    "jobs",
    "intake",
    # Last: the project's own commands (the schedules, the demo) use every app.
    "factcheck",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves the admin's CSS and JS from gunicorn in containers, where no separate web server runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL character in a query string is a 400 here, not a 500 from PostgreSQL further on.
    "factcheck.middleware.RejectNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the request's user and URL with every audit event written by database triggers.
    "pghistory.middleware.HistoryMiddleware",
    # Answers a locked-out login (admin or API) with 429; it must come last.
    "axes.middleware.AxesMiddleware",
]

# django-axes counts failed logins (admin and API token alike) and refuses further attempts for
# AXES_COOLOFF_MINUTES once a user name, or a client address, has LOGIN_FAILURE_LIMIT failures.
AUTHENTICATION_BACKENDS = [
    "factcheck.accounts.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("LOGIN_COOLOFF_MINUTES", default=15) / 60
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "factcheck.api_policy.client_address"
AXES_LOCKOUT_CALLABLE = "factcheck.api_policy.login_locked_out_response"
AXES_VERBOSE = False
# The client address is the connection's peer, unless that peer is one of these proxies (CIDRs):
# then the nearest X-Forwarded-For entry they did not add themselves. Empty (the default) trusts
# no header a client can write.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENVIRONMENT == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Links typed without a scheme are https, as Django 6 will assume; this opts in now (and ends its
# deprecation warning on every URL form field).
FORMS_URLFIELD_ASSUME_HTTPS = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Tests and development serve static files from the apps; only collectstatic creates STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG or ENVIRONMENT == "test"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or ENVIRONMENT == "test"
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)

# Article intake: the largest article accepted (pasted, uploaded or fetched). Article URLs are
# fetched by the shared fetcher, with its FETCH_* settings below.
INTAKE_MAX_ARTICLE_BYTES = env.int("INTAKE_MAX_ARTICLE_BYTES", default=2 * 1024 * 1024)
# Seconds a worker spends reading one article before refusing it; under the task's hard time limit
# of 60 s (intake/tasks.py), which kills a worker that overruns it.
INTAKE_READING_SECONDS = env.int("INTAKE_READING_SECONDS", default=50)
if not 1 <= INTAKE_READING_SECONDS <= 55:
    raise environ.ImproperlyConfigured(
        f"INTAKE_READING_SECONDS must be from 1 to 55, not {INTAKE_READING_SECONDS}"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# The audit trail in the admin shows who made each change (the user the middleware recorded).
PGHISTORY_ADMIN_MODEL = "pghistory.MiddlewareEvents"
PGHISTORY_ADMIN_CLASS = "factcheck.audit.AuditEventsAdmin"

# PostgreSQL's JIT compiler spends hundreds of milliseconds compiling the API's ranked-search and
# list queries, each of which then runs in a few; short queries are this service's workload.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# The journalists' REST API (/api/). Throttle counters live in Redis so that every gunicorn
# worker counts against the same per-user budget.
# A Redis that hangs rather than refusing connections must not hang requests: its clients give up
# after this many seconds, and the API goes on without the token cache and the throttle.
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.5)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("CACHE_URL", default=REDIS_URL.rsplit("/", 1)[0] + "/1"),
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default=DATABASES["default"]["NAME"]),
        "OPTIONS": {
            "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
            "socket_timeout": REDIS_SOCKET_TIMEOUT,
        },
    }
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["factcheck.api_policy.RoleTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["factcheck.api_policy.IsJournalist"],
    "DEFAULT_THROTTLE_CLASSES": [
        "factcheck.api_policy.UserRateThrottle",
        "factcheck.api_policy.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_THROTTLE_USER_RATE", default="600/minute"),
        "anon": env.str("API_THROTTLE_ANON_RATE", default="30/minute"),
        # Password guessing through the token endpoint: per client address and per user name.
        "login_address": env.str("API_THROTTLE_LOGIN_ADDRESS_RATE", default="10/minute"),
        "login_username": env.str("API_THROTTLE_LOGIN_USERNAME_RATE", default="20/hour"),
    },
    "DEFAULT_PARSER_CLASSES": ["factcheck.api_policy.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["factcheck.api_policy.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "factcheck.api.ErrorDocumentingAutoSchema",
    "EXCEPTION_HANDLER": "factcheck.api.api_exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    # Formats are chosen with the Accept header only; OPTIONS is not part of the API.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_METADATA_CLASS": None,
}
# API tokens (django-rest-knox): only a hash is stored; each login issues a new token that expires
# after API_TOKEN_TTL_HOURS; changing a user's password revokes all of that user's tokens.
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=env.float("API_TOKEN_TTL_HOURS", default=24 * 30)),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
# What a token resolves to (its user and roles) is kept this long in Redis, so that a request
# costs a round trip there instead of a query; revoking a token or changing its user takes it out
# of the cache at once in every process, and this bounds how long it could outlive a change Redis
# missed (unreachable at that moment) or one that bypassed model signals (QuerySet.update, raw
# SQL). 0 looks every token up in the database.
API_TOKEN_CACHE_SECONDS = env.int("API_TOKEN_CACHE_SECONDS", default=60)
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=50)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=200)
SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck API",
    "DESCRIPTION": (
        "Claims, their citations and reviews, and source reliability, for journalists' tools. "
        "Authenticate with `Authorization: Token <token>` (POST /api/v1/auth/token/). "
        "Every error has the same JSON shape (`Error`)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Newsrooms run this without outside access: the docs' JavaScript comes from our static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "VerdictEnum": "claims.models.Verdict",
        "StanceEnum": "claims.models.Stance",
        "GradeEnum": "sources.models.Grade",
        "SourceKindEnum": "sources.models.SourceKind",
        "CredibilityEnum": "claims.models.Credibility",
        "SubscriptionKindEnum": "jobs.models.SubscriptionKind",
    },
}
# Who publishes the ClaimReview JSON-LD (schema.org `author` of each ClaimReview).
CLAIMREVIEW_PUBLISHER_NAME = env.str("CLAIMREVIEW_PUBLISHER_NAME", default="factcheck")
CLAIMREVIEW_PUBLISHER_URL = env.str("CLAIMREVIEW_PUBLISHER_URL", default="http://127.0.0.1:8000/")

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Every write also stores its pending work in the database, so a publish that fails must fail fast
# instead of holding the user's request while kombu retries; the sweep enqueues it later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}

# Scheduled jobs (README "Scheduled jobs: worker and scheduler"). Durations in seconds unless named
# otherwise.
RECHECK_UNVERIFIED_AFTER_DAYS = env.float("RECHECK_UNVERIFIED_AFTER_DAYS", default=7)
# "Assad remains in Damascus" as of 7 Dec is due the next day.
RECHECK_AFTER_ABOUT_TIME_HOURS = env.float("RECHECK_AFTER_ABOUT_TIME_HOURS", default=24)
# A source's claims are due when its computed reliability moves this much (or changes letter).
RECHECK_RELIABILITY_CHANGE = env.float("RECHECK_RELIABILITY_CHANGE", default=0.1)
RECOMPUTE_SWEEP_GRACE = env.int("RECOMPUTE_SWEEP_GRACE", default=60)
RECOMPUTE_MAX_ATTEMPTS = env.int("RECOMPUTE_MAX_ATTEMPTS", default=5)
LINK_CHECK_INTERVAL_DAYS = env.float("LINK_CHECK_INTERVAL_DAYS", default=7)
LINK_CHECK_BATCH_SIZE = env.int("LINK_CHECK_BATCH_SIZE", default=200)
LINK_CHECK_HOST_INTERVAL = env.float("LINK_CHECK_HOST_INTERVAL", default=2.0)
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=8)
WEBHOOK_BACKOFF_BASE = env.int("WEBHOOK_BACKOFF_BASE", default=30)
WEBHOOK_TIMEOUT = env.float("WEBHOOK_TIMEOUT", default=5.0)
JOB_RUN_RETENTION_DAYS = env.int("JOB_RUN_RETENTION_DAYS", default=90)
# How far below the web processes' CPU priority workers run (factcheck/celery.py); 0 keeps it equal.
JOBS_WORKER_NICENESS = env.int("JOBS_WORKER_NICENESS", default=10)
# Claims in the search window, the index searches look in first (claims.models.SearchWindow; the
# nightly job moves it to the newest this many). A search whose newest SEARCH_RANKED_MATCHES
# matches lie in it checks only these claims; one whose matches are too rare for that searches
# every claim as well. 250,000 measured best at a million claims (README, "At a million claims").
SEARCH_WINDOW_CLAIMS = env.int("SEARCH_WINDOW_CLAIMS", default=250_000)
# Claims in the inner search window, looked in before the outer one, so that a word common enough
# to fill it costs its matches there (claims.services.inner_window_claims). Unset: the geometric
# mean of SEARCH_RANKED_MATCHES and SEARCH_WINDOW_CLAIMS (15,811); 0: no inner window.
SEARCH_INNER_WINDOW_CLAIMS = env.int("SEARCH_INNER_WINDOW_CLAIMS", default=None)

# The one outbound HTTP fetcher (factcheck/http.py), for link checks, webhooks and intake.
FETCH_TIMEOUT = env.float("FETCH_TIMEOUT", default=10.0)
FETCH_MAX_BYTES = env.int("FETCH_MAX_BYTES", default=5 * 1024 * 1024)
FETCH_MAX_REDIRECTS = env.int("FETCH_MAX_REDIRECTS", default=5)
FETCH_USER_AGENT = env.str("FETCH_USER_AGENT", default="factcheck/0.1 (link checker)")
# Submitted URLs must not probe the internal network: only public addresses are fetched, unless
# this is on (local development, tests) or the address is in FETCH_ALLOWED_NETWORKS (CIDRs).
FETCH_ALLOW_PRIVATE_ADDRESSES = env.bool("FETCH_ALLOW_PRIVATE_ADDRESSES", default=False)
FETCH_ALLOWED_NETWORKS = env.list("FETCH_ALLOWED_NETWORKS", default=[])

# Reliability engine (reliability/engine.py; README "Reliability"). Evidence loses half its weight
# every half-life against the newest evidence about the same source, because outlets change hands;
# the half-life is learned from the decided record unless RELIABILITY_HALF_LIFE_DAYS fixes it (0
# keeps all evidence at full weight). A relay (Citation.via) is judged on its
# own statements only; RELIABILITY_VIA_WEIGHT > 0 gives it that share of the credit or blame of
# the source it quotes. A human grade weighs RELIABILITY_GRADE_PRIOR_STRENGTH statements as prior.
RELIABILITY_HALF_LIFE_DAYS = env.float("RELIABILITY_HALF_LIFE_DAYS", default=None)
RELIABILITY_VIA_WEIGHT = env.float("RELIABILITY_VIA_WEIGHT", default=0.0)
RELIABILITY_GRADE_PRIOR_STRENGTH = env.float("RELIABILITY_GRADE_PRIOR_STRENGTH", default=4.0)
RELIABILITY_MAX_INTERVAL_WIDTH = env.float("RELIABILITY_MAX_INTERVAL_WIDTH", default=0.5)
RELIABILITY_DETECT_COPYING = env.bool("RELIABILITY_DETECT_COPYING", default=True)
# After a review, the connected part of the graph is recomputed exactly while it has at most this
# many claims; beyond that the update is local and the nightly full recompute makes it exact.
RELIABILITY_EXACT_UPDATE_CLAIMS = env.int("RELIABILITY_EXACT_UPDATE_CLAIMS", default=2000)
# A local update rewrites a re-judged claim only when the change gives it a new credibility level
# or moves its probability by at least this much (and always the claims the change is about).
RELIABILITY_LOCAL_UPDATE_MIN_CHANGE = env.float("RELIABILITY_LOCAL_UPDATE_MIN_CHANGE", default=0.01)


if IS_PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
