"""Benchmark of the journalists' API against bare Django views returning the same rows.

    .venv/bin/python bench/api.py [--claims 1000000] [--requests 300] [--rebuild]
    .venv/bin/python bench/api.py --smoke      a tiny run that only checks the bench works (CI)

Builds (once; --rebuild to redo) a database of generated claims with citations and reviews in
its own PostgreSQL database (BENCH_DATABASE_URL, default fc_bench), moves the search window to
its newest claims with the scheduled job's task (SEARCH_WINDOW_CLAIMS), starts gunicorn on it, and
times, with a real HTTP client, each API endpoint next to a bare view that returns the same rows
with `JsonResponse(list(qs.values(...)))`. Requests to the two alternate, so both see the same
machine. Prints median and p95 per endpoint, the API/bare ratios, the SQL queries each request
made, and the top-50 recall of the bounded relevance ranking against ranking every match.
Goals (issue 16): search p95 under 30 ms; every endpoint's median within 1.2× of its bare view;
filtered list median under 15 ms; recall at least 0.95.

This module is also the WSGI entry point gunicorn loads: the project's URLs plus /bench/bare/.
"""

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fc_bench"
)
os.environ["DATABASE_URL"] = BENCH_DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
# The bench measures speed, not the throttle: one client makes thousands of requests.
os.environ["API_THROTTLE_USER_RATE"] = "1000000/minute"
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.postgres.aggregates import ArrayAgg  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F, Q  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import include, path  # noqa: E402

from claims.models import SEARCH_RANKED_MATCHES, Citation, Claim, Review, SearchWindow  # noqa: E402
from claims.selectors import (  # noqa: E402
    CLAIM_LIST_FIELDS,
    claim_list,
    claim_search,
    claim_similar,
)
from factcheck.api import api_token_create  # noqa: E402
from jobs.models import JobRun  # noqa: E402
from jobs.tasks import search_window_roll  # noqa: E402

PAGE_SIZE = 50
# --smoke: enough claims that every bench search matches some, few enough to build in seconds.
SMOKE_CLAIMS = 2_000
SMOKE_REQUESTS = 3

# --- The bare baseline: the same rows, straight from values() into JsonResponse ---------------


def bare_claim_list(request):
    queryset = claim_list()
    fields = CLAIM_LIST_FIELDS
    if request.GET.get("status"):
        queryset = queryset.filter(status=request.GET["status"])
    if request.GET.get("topic"):
        queryset = queryset.filter(topic__iexact=request.GET["topic"])
    if request.GET.get("credibility_max"):
        queryset = queryset.filter(credibility__lte=int(request.GET["credibility_max"]))
    if request.GET.get("q"):
        queryset = claim_search(
            queryset, query=request.GET["q"], newest=SEARCH_RANKED_MATCHES
        ).order_by("-rank", "-id")
        fields += ("rank",)
    else:
        queryset = queryset.order_by("-created_at", "-id")
    return JsonResponse({"results": list(queryset.values(*fields)[:PAGE_SIZE])})


def bare_claim_detail(request, claim_id):
    claim = (
        Claim.objects.filter(pk=claim_id)
        .annotate(created_by_username=F("created_by__username"))
        .values()
        .first()
    )
    if claim is None:
        raise Http404
    claim["citations"] = list(
        Citation.objects.filter(claim_id=claim_id)
        .order_by("published_at", "id")
        .values(
            "id",
            "source__slug",
            "source__name",
            "stance",
            "quote",
            "url",
            "published_at",
            "via__slug",
            "via__name",
            "created_at",
            "link_check__state",
            "link_check__checked_at",
            "link_check__http_status",
            "link_check__final_url",
            "link_check__flagged",
        )
    )
    claim["reviews"] = list(
        Review.objects.filter(claim_id=claim_id)
        .order_by("-created_at", "-id")
        .values(
            "id",
            "verdict",
            "effective_at",
            "evidence_note",
            "evidence_url",
            "reviewer__username",
            "created_at",
        )
        .annotate(
            evidence_citations=ArrayAgg(
                "evidence_citations__id", filter=Q(evidence_citations__isnull=False), default=[]
            )
        )
    )
    claim["similar_claims"] = claim_similar(claim=Claim(pk=claim_id, text=claim["text"]))
    return JsonResponse(claim)


urlpatterns = [
    path("bench/bare/claims/", bare_claim_list),
    path("bench/bare/claims/<int:claim_id>/", bare_claim_detail),
    path("", include("factcheck.urls")),
]


@contextmanager
def queries_counted():
    """Counts the SQL statements this thread's connection runs inside the block and the seconds it
    waits for them: yields a dict whose "made" and "waited" grow as they run."""
    tally = {"made": 0, "waited": 0.0}

    def count(execute, sql, params, many, context):
        tally["made"] += 1
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            tally["waited"] += time.perf_counter() - started

    with connection.execute_wrapper(count):
        yield tally


class _CountingQueries:
    """Answers each request with the SQL statements it made (X-Queries) and the milliseconds it
    waited for them (X-Query-Ms). Django calls start_response after the view has run; the bench
    sends one request at a time, and each thread has its own connection."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        with queries_counted() as tally:

            def start(status, headers, exc_info=None):
                headers = [
                    *headers,
                    ("X-Queries", str(tally["made"])),
                    ("X-Query-Ms", f"{1000 * tally['waited']:.3f}"),
                ]
                return start_response(status, headers, exc_info)

            return self.application(environ, start)


def _wsgi_application():
    settings.ROOT_URLCONF = "bench.api"
    return _CountingQueries(get_wsgi_application())


if __name__ != "__main__":
    application = _wsgi_application()


# --- Data generation ------------------------------------------------------------------------

ACTORS = [
    "HTS", "Regime forces", "Russian jets", "Iranian advisers", "Hezbollah fighters", "SDF units",
    "Turkish-backed factions", "Rebel groups", "The Syrian army", "Kurdish forces", "Israeli jets",
    "Government troops", "Opposition fighters", "Local militias", "The Fourth Division",
    "Republican Guard units", "Druze factions", "Southern operations room", "Tribal fighters",
    "Islamic State cells",
]  # fmt: skip
ACTIONS = [
    "captured", "withdrew from", "shelled", "entered", "encircled", "reinforced", "lost control of",
    "advanced towards", "struck", "evacuated", "retook", "besieged", "negotiated the surrender of",
    "deployed near", "abandoned positions in",
]  # fmt: skip
PLACES = [
    "Aleppo", "Hama", "Homs", "Damascus", "Daraa", "Idlib", "Latakia", "Tartus", "Deir ez-Zor",
    "Raqqa", "Qamishli", "Palmyra", "Suwayda", "Quneitra", "Manbij", "Kobani", "Afrin", "Jableh",
    "Baniyas", "Salamiyah", "Rastan", "Talbiseh", "Maarat al-Numan", "Saraqib", "Khan Shaykhun",
    "Kanaker", "Zakiyah", "Qusayr", "Nabek", "Yabroud", "Douma", "Harasta", "Jobar", "Mezzeh",
    "Sayyida Zeinab", "Kiswah", "Bosra", "Nawa", "Inkhil", "al-Sanamayn",
]  # fmt: skip
WHEN = [
    "overnight", "on Saturday", "on Sunday", "early on Monday", "after heavy clashes",
    "without a fight", "according to local residents", "amid air strikes", "at dawn",
    "late on Friday",
]  # fmt: skip
SEARCHES = [
    "Homs",
    "captured Aleppo",
    "Kanaker withdrew",
    "Russian jets struck",
    "Palmyra",
    "Hezbollah Qusayr",
    "encircled Hama",
    "Daraa without a fight",
    "Kurdish Manbij",
    "Douma",
]


def _sql_array(words: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + w.replace("'", "''") + "'" for w in words) + "]"


def _pick(words: list[str], seed_sql: str) -> str:
    return f"({_sql_array(words)})[1 + (({seed_sql}) %% {len(words)})::int]"


def generate(claim_count: int) -> dict:
    """Fill the bench database with set-based SQL: sources, claims, two citations per claim on
    average, reviews on a fifth of them. Triggers (audit history, append-only guards) are off for
    the load: they are not what is measured."""
    User = get_user_model()
    reviewer = User.objects.create_user("bench-reviewer")
    reviewer.groups.add(Group.objects.get(name="reviewer"))
    journalist = User.objects.create_user("bench-journalist")
    journalist.groups.add(Group.objects.get(name="journalist"))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            """
            INSERT INTO sources_source (name, slug, kind, country, domains, description, created_at)
            SELECT 'Outlet ' || g, 'outlet-' || g,
                   (ARRAY['news_agency','newspaper','broadcaster','state_media','monitoring_ngo',
                          'social_media'])[1 + g % 6],
                   (ARRAY['SY','GB','FR','US','TR','LB','IR','RU'])[1 + g % 8],
                   ARRAY['outlet' || g || '.example.org'], '', now()
            FROM generate_series(1, 500) g
            """
        )
        cursor.execute(
            f"""
            INSERT INTO claims_claim (text, language, topic, tags, place_name, about_start,
                first_reported_at, created_at, status, credibility, credibility_explanation,
                created_by_id)
            SELECT {_pick(ACTORS, "g * 7")} || ' ' || {_pick(ACTIONS, "g * 13 + g / 97")} || ' '
                       || {_pick(PLACES, "g * 31 + g / 11")} || ' ' || {_pick(WHEN, "g / 3")},
                   'en', (ARRAY['syria','lebanon','iraq','iran'])[1 + g %% 4], ARRAY['bench'],
                   {_pick(PLACES, "g * 31 + g / 11")},
                   timestamptz '2024-11-27' + (g %% 400) * interval '1 hour',
                   timestamptz '2024-11-27' + (g %% 400) * interval '1 hour' + interval '2 hours',
                   timestamptz '2024-11-27' + g * interval '1 second',
                   'unverified', 1 + g %% 6, '{{}}'::jsonb, %s
            FROM generate_series(1, %s) g
            """,
            [journalist.pk, claim_count],
        )
        cursor.execute(
            f"""
            INSERT INTO claims_citation (claim_id, source_id, stance, quote, url, published_at,
                via_id, created_at, created_by_id)
            SELECT c.id, s.first + (c.id * 17 + n * 101) %% 500,
                   CASE WHEN (c.id + n) %% 5 = 0 THEN 'denies' ELSE 'asserts' END,
                   {_pick(ACTORS, "c.id * 3 + n")} || ' said ' || c.text,
                   'https://news.example.org/' || c.id || '/' || n,
                   c.first_reported_at + n * interval '1 hour',
                   CASE WHEN n = 2 THEN s.first + (c.id * 29) %% 500 END,
                   c.created_at, %s
            FROM claims_claim c
            CROSS JOIN (SELECT min(id) AS first FROM sources_source) s
            CROSS JOIN generate_series(1, 2) n
            WHERE n = 1 OR c.id %% 2 = 0
            """,
            [journalist.pk],
        )
        cursor.execute("UPDATE claims_citation SET via_id = NULL WHERE via_id = source_id")
        cursor.execute(
            """
            INSERT INTO claims_review (claim_id, verdict, effective_at, evidence_note, evidence_url,
                reviewer_id, created_at)
            SELECT id, (ARRAY['corroborated','contradicted','superseded'])[1 + id %% 3],
                   created_at + interval '1 day', 'Checked against field reports.', '', %s,
                   created_at + interval '1 day'
            FROM claims_claim WHERE id %% 5 = 0
            """,
            [reviewer.pk],
        )
        cursor.execute(
            """
            UPDATE claims_claim c SET status = r.verdict
            FROM claims_review r WHERE r.claim_id = c.id
            """
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        # The search-document triggers were off with the rest; build all documents in one go.
        cursor.execute("SELECT claim_search_document_refresh(array_agg(id)) FROM claims_claim")
        cursor.execute("VACUUM ANALYZE")
        cursor.execute("SELECT count(*) FROM claims_citation")
        citations = cursor.fetchone()[0]
    print(
        f"generated {claim_count} claims, {citations} citations, {claim_count // 5} reviews "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return {"token": api_token_create(user=journalist).token}


def prepare_database(claim_count: int, rebuild: bool) -> str:
    database = settings.DATABASES["default"]
    name = database["NAME"]
    # The server's maintenance database, reached as Django reaches this one (a TCP host or the
    # socket directory of an embedded server, given in OPTIONS).
    server = {
        "host": database["OPTIONS"].get("host") or database["HOST"] or None,
        "port": database["PORT"] or None,
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            connection.close()
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0)
    if Claim.objects.count() < claim_count:
        if Claim.objects.exists():
            raise SystemExit(f"{name} holds fewer than {claim_count} claims; run with --rebuild")
        token = generate(claim_count)["token"]
    else:
        user = get_user_model().objects.get(username="bench-journalist")
        token = api_token_create(user=user).token
    search_window_move()
    return token


def search_window_move() -> None:
    """Move the search window to the newest claims as the scheduled job does in a deployment
    (the same task, run here rather than by the worker): the migration made it over the claims
    there were then, none on a fresh bench database."""
    started = time.perf_counter()
    search_window_roll()
    run = JobRun.objects.filter(job="search window").latest("started_at")
    windows = "; ".join(
        f"{window.claims} claims after claim {window.threshold} ({window.index_name})"
        for window in SearchWindow.objects.order_by("pk")
    )
    print(
        f"search windows, outer first: {windows}; job {run.counts}, "
        f"{time.perf_counter() - started:.1f} s"
    )


# --- Measuring ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, url: str, token: str | None) -> tuple[float, int, bytes, int, float]:
    """Elapsed seconds, status, body, and the SQL queries the request made and the seconds it
    waited for them."""
    headers = {"Authorization": f"Token {token}"} if token else {}
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", url, headers=headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return (
        elapsed,
        response.status,
        body,
        int(response.getheader("X-Queries", "-1")),
        float(response.getheader("X-Query-Ms", "nan")) / 1000,
    )


def _wait_until_up(port: int, process) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise SystemExit("gunicorn exited; see its output above")
        try:
            _get(port, "/api/schema/", None)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not answer")


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _span(counts: set[int]) -> str:
    return f"{min(counts)}" if len(counts) == 1 else f"{min(counts)}–{max(counts)}"


def search_recall(query: str, top: int = PAGE_SIZE) -> tuple[float, int]:
    """Share of the exact top `top` (every match ranked) that the bounded ranking (the newest
    SEARCH_RANKED_MATCHES matches ranked) also puts in its top `top`; and the number of matches."""
    ranked = claim_search(Claim.objects.all(), query=query).order_by("-rank", "-id")
    bounded = claim_search(Claim.objects.all(), query=query, newest=SEARCH_RANKED_MATCHES).order_by(
        "-rank", "-id"
    )
    exact = list(ranked.values_list("id", flat=True)[:top])
    kept = set(bounded.values_list("id", flat=True)[:top])
    return (len(kept.intersection(exact)) / len(exact) if exact else 1.0), ranked.count()


def measure(port: int, token: str, requests_per_case: int) -> tuple[list[dict], dict]:
    rng = random.Random(7)
    max_id = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    min_id = Claim.objects.order_by("id").values_list("id", flat=True).first()
    filtered = {"status": "corroborated", "topic": "syria", "credibility_max": 3}
    cases = {
        "claims list": lambda: "?" + urlencode({"page_size": PAGE_SIZE}),
        "claims list, filtered": lambda: "?" + urlencode({"page_size": PAGE_SIZE, **filtered}),
        "search": lambda: "?" + urlencode({"page_size": PAGE_SIZE, "q": rng.choice(SEARCHES)}),
        "claim detail": lambda: f"{rng.randint(min_id, max_id)}/",
    }
    results, search_by_query = [], {}
    for name, make in cases.items():
        api_times, bare_times = [], []
        queries = {"api": set(), "bare": set()}
        sql_times = {"api": [], "bare": []}
        for round_number in range(requests_per_case + 10):
            suffix = make()
            pair = [
                ("api", f"/api/v1/claims/{suffix}", token),
                ("bare", f"/bench/bare/claims/{suffix}", None),
            ]
            if round_number % 2:
                pair.reverse()
            for kind, url, auth in pair:
                elapsed, status, body, made, waited = _get(port, url, auth)
                if status != 200:
                    raise SystemExit(f"{url} answered {status}: {body[:300]!r}")
                if round_number < 10:  # the first rounds warm caches and connections
                    continue
                queries[kind].add(made)
                sql_times[kind].append(waited)
                (api_times if kind == "api" else bare_times).append(elapsed)
                if name == "search" and kind == "api":
                    search_by_query.setdefault(suffix, []).append(elapsed)
        results.append(
            {
                "case": name,
                "api_median": _ms(api_times, 0.5),
                "api_p95": _ms(api_times, 0.95),
                "bare_median": _ms(bare_times, 0.5),
                "bare_p95": _ms(bare_times, 0.95),
                "ratio_median": statistics.median(api_times) / statistics.median(bare_times),
                "api_queries": _span(queries["api"]),
                "bare_queries": _span(queries["bare"]),
                "api_sql_median": _ms(sql_times["api"], 0.5),
                "bare_sql_median": _ms(sql_times["bare"], 0.5),
            }
        )
    return results, search_by_query


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--rebuild", action="store_true", help="drop and regenerate the database")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"{SMOKE_CLAIMS} claims, {SMOKE_REQUESTS} requests per endpoint, one worker: checks "
        "that every endpoint answers and the bench runs; its timings mean nothing",
    )
    args = parser.parse_args()
    if args.smoke:
        args.claims, args.requests, args.workers = SMOKE_CLAIMS, SMOKE_REQUESTS, 1

    token = prepare_database(args.claims, args.rebuild)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "bench.api:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            # gunicorn.conf.py logs every request for operators; here they would bury the table.
            "--access-logfile",
            os.devnull,
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_until_up(port, server)
        results, search_by_query = measure(port, token, args.requests)
    finally:
        server.terminate()
        server.wait(timeout=30)

    claims = Claim.objects.count()
    print(
        f"\n{claims} claims; {args.requests} timed requests per endpoint; "
        # gunicorn reads ./gunicorn.conf.py: gthread workers of GUNICORN_THREADS threads.
        f"gunicorn {args.workers} workers as gunicorn.conf.py makes them; page size {PAGE_SIZE}"
    )
    print(f"{'endpoint':24} {'API median':>11} {'API p95':>9} {'bare median':>12} "
          f"{'bare p95':>9} {'API/bare':>9} {'queries API/bare':>17} "
          f"{'SQL median API/bare':>20}")  # fmt: skip
    for row in results:
        print(
            f"{row['case']:24} {row['api_median']:9.1f}ms {row['api_p95']:7.1f}ms "
            f"{row['bare_median']:10.1f}ms {row['bare_p95']:7.1f}ms {row['ratio_median']:8.2f}× "
            f"{row['api_queries'] + ' / ' + row['bare_queries']:>17} "
            f"{row['api_sql_median']:8.1f} / {row['bare_sql_median']:4.1f}ms"
        )
    print(
        f"\nsearch, API median by query (claims matching; top-{PAGE_SIZE} recall of ranking the "
        f"newest {SEARCH_RANKED_MATCHES} matches against ranking all):"
    )
    recalls = []
    for suffix, times in sorted(
        search_by_query.items(), key=lambda item: -statistics.median(item[1])
    ):
        query = suffix.split("q=")[1].replace("+", " ")
        recall, matching = search_recall(query)
        recalls.append(recall)
        print(f"  {query:24} {_ms(times, 0.5):7.1f}ms  ({matching} claims; recall {recall:.2f})")
    by_case = {row["case"]: row for row in results}
    worst = max(row["ratio_median"] for row in results)
    search_p95 = by_case["search"]["api_p95"]
    filtered = by_case["claims list, filtered"]["api_median"]
    print(
        f"\nsearch p95 {search_p95:.1f} ms (goal < 30 ms: {_verdict(search_p95 < 30)}); "
        f"worst API/bare median ratio {worst:.2f}× (goal ≤ 1.2×: {_verdict(worst <= 1.2)}); "
        f"filtered list median {filtered:.1f} ms (goal < 15 ms: {_verdict(filtered < 15)}); "
        f"lowest recall {min(recalls):.2f} (goal ≥ 0.95: {_verdict(min(recalls) >= 0.95)})"
    )


if __name__ == "__main__":
    main()
