"""The ways factcheck is started outside the test suite: docker-compose.yml with its Dockerfile, the
production settings, the README's configuration table and dev.py's embedded-database URL. No Docker
engine is needed: the compose file is read as data and every module it names is imported here."""

import ast
import http.client
import importlib
import importlib.util
import json
import os
import re
import runpy
import secrets
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import environ
import pytest
import yaml
from celery import Celery
from django.conf import settings
from django.core.management import get_commands
from django.db.backends.postgresql.base import DatabaseWrapper

import dev

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
REQUIRED_APP_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "FACTCHECK_ENVIRONMENT",
}


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def settings_environment_variables() -> set[str]:
    """Names factcheck/settings.py reads with django-environ: every `env.<cast>("NAME", ...)`."""
    tree = ast.parse((ROOT / "factcheck" / "settings.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "env"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def command_words(service: dict) -> list[str]:
    command = service["command"]
    return shlex.split(command) if isinstance(command, str) else command


def manage_py(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_environment(**variables: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in settings_environment_variables() or name == "DATABASE_URL"
    }
    env.update(FACTCHECK_ENVIRONMENT="production", **variables)
    return env


def test_compose_runs_web_worker_beat_on_postgres_15_and_redis_7(services):
    assert set(services) == {*APP_SERVICES, "postgres", "redis"}
    assert services["postgres"]["image"] == "postgres:15"
    assert services["redis"]["image"] == "redis:7"
    for name in APP_SERVICES:
        assert services[name]["build"] == ".", name


def test_app_services_start_after_database_and_broker_are_healthy(services):
    for name in APP_SERVICES:
        depends_on = services[name]["depends_on"]
        for dependency in ("postgres", "redis"):
            assert depends_on[dependency] == {"condition": "service_healthy"}, name
    for name in ("worker", "beat"):
        # They need the tables web's migrate creates.
        assert services[name]["depends_on"]["web"] == {"condition": "service_healthy"}, name
    for name in ("postgres", "redis", "web", "worker"):
        assert services[name]["healthcheck"]["test"], name


def test_web_migrates_then_serves_an_importable_wsgi_application(services):
    words = command_words(services["web"])
    assert words[:2] == ["sh", "-c"]
    script = words[2]
    assert script.index("manage.py migrate") < script.index("gunicorn")
    module_name, _, attribute = shlex.split(script.split("gunicorn", 1)[1])[0].partition(":")
    application = getattr(importlib.import_module(module_name), attribute)
    assert callable(application)


def beat_script(services) -> str:
    words = command_words(services["beat"])
    assert words[:2] == ["sh", "-c"]
    return words[2]


def test_worker_and_beat_name_the_project_celery_app(services):
    worker = command_words(services["worker"])
    assert worker[:4] == ["celery", "-A", "factcheck", "worker"]
    assert "celery -A factcheck beat" in beat_script(services)
    # `celery -A factcheck` loads factcheck.celery_app, which factcheck/__init__.py takes from
    # factcheck/celery.py.
    assert isinstance(importlib.import_module("factcheck").celery_app, Celery)
    assert (
        importlib.import_module("factcheck.celery").app
        is importlib.import_module("factcheck").celery_app
    )


def test_beat_writes_the_schedules_then_runs_the_database_scheduler(services):
    script = beat_script(services)
    assert script.index("manage.py setup_periodic_tasks") < script.index("celery -A factcheck beat")
    assert "setup_periodic_tasks" in get_commands()
    scheduler = shlex.split(script)[shlex.split(script).index("--scheduler") + 1]
    assert scheduler == settings.CELERY_BEAT_SCHEDULER
    module_name, _, class_name = scheduler.partition(":")
    assert isinstance(getattr(importlib.import_module(module_name), class_name), type)


def test_compose_environment_uses_the_names_settings_read(services):
    known = settings_environment_variables()
    for name in APP_SERVICES:
        environment = set(services[name]["environment"])
        assert REQUIRED_APP_VARIABLES <= environment, name
        assert environment <= known, f"{name} sets variables settings.py never reads"
        assert services[name]["environment"]["FACTCHECK_ENVIRONMENT"] == "production"


def test_dockerfile_installs_the_project_on_python_311_slim_with_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.MULTILINE)
    assert re.search(r"pip install (--no-deps )?\.(\s|$)", dockerfile)
    assert '"gunicorn", "factcheck.wsgi:application"' in dockerfile
    assert importlib.util.find_spec("gunicorn") is not None


def test_readme_configuration_table_lists_every_variable_settings_read():
    readme = (ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, re.MULTILINE))
    assert settings_environment_variables() <= documented


def test_deploy_check_passes_with_production_variables():
    result = manage_py(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_environment(
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="factcheck.example.org",
            DEBUG="false",
        ),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_refuses_to_start_naming_the_variable():
    result = manage_py("check", env=production_environment(ALLOWED_HOSTS="factcheck.example.org"))
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the SECRET_KEY environment variable" in result.stderr


def test_a_reading_deadline_past_the_tasks_hard_limit_refuses_to_start_naming_the_variable():
    result = manage_py("check", env={**os.environ, "INTAKE_READING_SECONDS": "90"})
    assert result.returncode != 0
    assert "INTAKE_READING_SECONDS must be from 1 to 55, not 90" in result.stderr


def test_embedded_postgres_url_connects_through_its_socket_directory():
    socket_dir = "/srv/fact check/.pgdata"
    url = dev.embedded_database_url(socket_dir, "factcheck")
    settings_dict = environ.Env.db_url_config(url)
    settings_dict.update(
        {"ATOMIC_REQUESTS": False, "AUTOCOMMIT": True, "CONN_MAX_AGE": 0, "TIME_ZONE": None}
    )
    params = DatabaseWrapper(settings_dict).get_connection_params()
    assert params["host"] == socket_dir
    assert params["dbname"] == "factcheck"
    assert params["user"] == "postgres"


def test_procfile_runs_web_worker_and_scheduler_for_the_run_command():
    processes = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile").read_text().splitlines() if line.strip()
    )
    assert set(processes) == {"web", "worker", "beat"}
    assert processes["worker"].startswith("celery -A factcheck worker")
    assert processes["beat"].index("setup_periodic_tasks") < processes["beat"].index(
        "celery -A factcheck beat"
    )


def dockerfile_collectstatic_environment() -> dict[str, str]:
    """The variables the Dockerfile sets on its collectstatic command line."""
    dockerfile = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    command = next(line for line in dockerfile.splitlines() if "manage.py collectstatic" in line)
    part = next(part for part in command.split("&&") if "collectstatic" in part)
    words = shlex.split(part)
    return dict(word.split("=", 1) for word in words[: words.index("python")] if "=" in word)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(port: int, path: str, headers: dict | None = None, timeout: float = 10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def production_image_static_root(tmp_path_factory):
    """STATIC_ROOT filled the way the Dockerfile fills it."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    build_environment = dockerfile_collectstatic_environment()
    assert build_environment.get("FACTCHECK_ENVIRONMENT") == "production"
    # Like `docker build`: none of the settings' variables but those the command line sets.
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in settings_environment_variables()
    }
    result = manage_py(
        "collectstatic",
        "--noinput",
        env={**env, **build_environment, "STATIC_ROOT": str(static_root)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return static_root


def test_dockerfile_collects_static_files_with_the_production_manifest(
    production_image_static_root,
):
    manifest = json.loads((production_image_static_root / "staticfiles.json").read_text())
    assert "admin/css/base.css" in manifest["paths"]
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in manifest["paths"]


def test_gunicorn_under_production_settings_serves_the_admin_and_api_docs_with_their_static_files(
    production_image_static_root,
):
    from tests.jobs.conftest import outside_connection_url

    port = free_port()
    env = production_environment(
        STATIC_ROOT=str(production_image_static_root),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=outside_connection_url(),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="2",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "factcheck.wsgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = http_get(port, "/admin/login/")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.2)
        # The compose healthcheck's plain-HTTP request: a redirect to HTTPS, not a 500.
        assert status == 301

        behind_proxy = {"X-Forwarded-Proto": "https"}
        for page in ("/admin/login/", "/api/docs/", "/api/redoc/"):
            status, html = http_get(port, page, behind_proxy)
            assert status == 200, (page, html[:500])
            assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
            assert assets, page
            for asset in assets:
                assert re.search(r"\.[0-9a-f]{12}\.(css|js|png|svg|ico)$", asset), asset
                assert http_get(port, asset, behind_proxy)[0] == 200, asset
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_runs_several_threaded_workers_with_a_timeout_that_fits_a_request():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["worker_class"] == "gthread"
    assert config["workers"] >= 2 and config["threads"] >= 2
    assert 30 <= config["timeout"] <= 120
    dockerfile = (ROOT / "Dockerfile").read_text()
    # gunicorn reads ./gunicorn.conf.py from its working directory, the image's /app.
    assert re.search(r"^WORKDIR /app$", dockerfile, re.MULTILINE)
    assert re.search(r"^COPY \. \.$", dockerfile, re.MULTILINE)


def test_dockerfile_installs_exactly_the_locked_versions():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --no-deps --requirement requirements.lock" in dockerfile
    pinned = [
        line
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if line and not line.startswith((" ", "#"))
    ]
    assert pinned and all("==" in line for line in pinned)


def test_the_image_leaves_out_what_dev_py_keeps_in_the_checkout():
    # The venv, the embedded database's data (and older data moved aside) and its 34 MB of
    # PostgreSQL binaries would otherwise be copied into the image by `COPY . .`.
    ignored = set((ROOT / ".dockerignore").read_text().split())
    kept_by_dev_py = [dev.VENV, dev.EMBEDDED_PGDATA, dev.DEV_CACHE]

    assert {path.relative_to(ROOT).as_posix() for path in kept_by_dev_py} <= ignored
    assert f"{dev.EMBEDDED_PGDATA.name}-*" in ignored
    assert ".env" in ignored


def test_compose_services_read_the_env_file_that_the_readme_creates(services):
    for name in APP_SERVICES:
        assert services[name]["env_file"] == ".env", name
    example = (ROOT / ".env.example").read_text()
    assert re.search(r"^SECRET_KEY=$", example, re.MULTILINE)
    assert "cp .env.example .env" in (ROOT / "README.md").read_text()
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_the_tests_run_on_the_postgresql_major_version_that_compose_deploys(services, db):
    from django.db import connection

    deployed = int(services["postgres"]["image"].split(":")[1])
    assert connection.pg_version // 10000 == deployed
