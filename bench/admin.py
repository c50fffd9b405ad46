"""Speed of the reviewers' admin at a million claims (issue 12, item 9).

    .venv/bin/python bench/admin.py [--claims 1000000] [--events 1000000] [--requests 20]
                                    [--rebuild] [--only WORD]
    .venv/bin/python bench/admin.py --smoke      a tiny run that only checks the bench works (CI)

Builds once (--rebuild to redo) the database of bench/api.py (its generator: claims, 1.5
citations per claim, reviews on a fifth) in BENCH_DATABASE_URL (default fc_bench_admin), adds
pghistory audit events generated in SQL (claims entered, cited, reviewed and changing status,
spread over the past year, most with a request context naming a reviewer) and the re-check queue,
then times every admin page through Django's test client, logged in as a superuser and as a
reviewer: every registered changelist (iterated over admin.site._registry, so a new one is never
forgotten), the searches on claims, citations and sources, a claim's and a source's page, the
re-check queue, the desk front page and the audit trail. Each page is asked --requests times
after two warm-up requests; prints per page the median and p95 of the server time, the SQL
queries each request made and the milliseconds spent waiting for them, the CPU time this process
spent on it (Python: the page's own work, which a loaded machine stretches in wall time), and the
verdict against the goal: median ≤ 300 ms and p95 ≤ 500 ms.
"""

import argparse
import html
import logging
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fc_bench_admin")
# Django's test client asks for the host "testserver".
os.environ["ALLOWED_HOSTS"] = "testserver"
# Static files from the apps (no collectstatic manifest needed); DEBUG stays off (bench/api.py).
os.environ.setdefault("FACTCHECK_ENVIRONMENT", "test")

# First: it sets up Django on BENCH_DATABASE_URL.
from bench import api as api_bench  # noqa: E402

# isort: split
from django.apps import apps  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Max, Min  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from pghistory.models import Event  # noqa: E402

from claims.models import Claim  # noqa: E402
from jobs.recheck import recheck_flags_update  # noqa: E402
from sources.models import Source  # noqa: E402

GOAL_MEDIAN_MS, GOAL_P95_MS = 300, 500
SMOKE_CLAIMS, SMOKE_EVENTS, SMOKE_REQUESTS = 2_000, 4_000, 1
WARM_UP = 2
SEARCHES = api_bench.SEARCHES
SOURCE_SEARCHES = ["Outlet 17", "outlet-3", "Outlet 4", "outlet-250"]

# Which share of the events each audited table gets (the rest are claims' status changes), as
# (event model, label, tracked table's rows to copy, share).
EVENT_SHARES = [
    ("claims.ClaimEvent", "insert", "SELECT * FROM claims_claim", 0.40),
    ("claims.CitationEvent", "insert", "SELECT * FROM claims_citation", 0.35),
    ("claims.ReviewEvent", "insert", "SELECT * FROM claims_review", 0.15),
    (
        "claims.ClaimEvent",
        "update",
        "SELECT * FROM claims_claim WHERE status <> 'unverified'",
        0.10,
    ),
]
# Requests that made several changes at once share a context (one context per this many events).
EVENTS_PER_CONTEXT = 4
HISTORY_DAYS = 365


def generate_history(event_count: int, reviewer_id: int) -> int:
    """Audit events as pghistory's triggers would have written them, in set-based SQL: each
    event table gets its share, copied from the rows it tracks, spread evenly over the past
    HISTORY_DAYS in id order; nine in ten carry a request context (the reviewer, a URL), the
    rest none (a job's changes). Insert events of claims show them unverified, so that the
    update events that follow show a status change."""
    started = time.perf_counter()
    contexts = event_count // EVENTS_PER_CONTEXT + 1
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO pghistory_context (id, created_at, updated_at, metadata)
            SELECT md5('bench-context-' || g)::uuid, at, at,
                   jsonb_build_object('user', %s, 'url', '/admin/claims/claim/' || g || '/change/')
            FROM generate_series(1, %s) g,
                 LATERAL (SELECT now() - (%s - g) * (%s * interval '1 day') / %s AS at) t
            """,
            [reviewer_id, contexts, contexts, HISTORY_DAYS, contexts],
        )
        made = 0
        for label_model, label, rows, share in EVENT_SHARES:
            model = apps.get_model(label_model)
            # The last share takes what the others left (each is capped by its table's rows).
            last = (label_model, label) == EVENT_SHARES[-1][:2]
            wanted = event_count - made if last else int(event_count * share)
            tracked = [f.column for f in model._meta.fields if not f.name.startswith("pgh_")]
            values = [
                {"status": "'unverified'", "credibility": "6"}.get(column, f"r.{column}")
                if label == "insert"
                else f"r.{column}"
                for column in tracked
            ]
            cursor.execute(
                f"""
                INSERT INTO {model._meta.db_table} (pgh_created_at, pgh_label, pgh_obj_id,
                    pgh_context_id, {", ".join(tracked)})
                SELECT now() - (n - k) * (%s * interval '1 day') / n, %s, r.id,
                       CASE WHEN k %% 10 <> 0
                            THEN md5('bench-context-' || (1 + k %% %s))::uuid END,
                       {", ".join(values)}
                FROM (
                    SELECT row_number() OVER (ORDER BY id) AS k, *
                    FROM ({rows}) tracked ORDER BY id LIMIT %s
                ) r, LATERAL (SELECT greatest(%s, 1) AS n) total
                """,
                [HISTORY_DAYS, label, contexts, wanted, wanted],
            )
            made += cursor.rowcount
        cursor.execute("ANALYZE")
    print(f"generated {made} audit events in {time.perf_counter() - started:.1f} s")
    return made


def prepare(claim_count: int, event_count: int, rebuild: bool) -> None:
    api_bench.prepare_database(claim_count, rebuild)
    User = get_user_model()
    User.objects.filter(username="bench-reviewer").update(is_staff=True)
    if not User.objects.filter(username="bench-admin").exists():
        User.objects.create_superuser("bench-admin", password=None)
    events = apps.get_model("claims.ClaimEvent").objects.exists()
    if not events:
        reviewer = User.objects.get(username="bench-reviewer")
        generate_history(event_count, reviewer.pk)
        started = time.perf_counter()
        flags = recheck_flags_update()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_recheckflag")
        print(f"re-check queue: {flags} in {time.perf_counter() - started:.1f} s")


# --- The pages ------------------------------------------------------------------------------


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def pages(client: Client, rng: random.Random) -> dict[str, Callable[[], str]]:
    """Page name -> a function giving the URL of the next request to time."""
    claim_ids = Claim.objects.aggregate(low=Min("id"), high=Max("id"))
    source_ids = list(Source.objects.values_list("id", flat=True))
    # A page deep in the list, but one the smoke run's few claims still have.
    deep_page = max(1, min(50, Claim.objects.count() // admin.site._registry[Claim].list_per_page))
    claims = _changelist(Claim)
    tenth_page = _followed(client, _audit_url(), 9)
    cases = {"desk (admin index)": lambda: reverse("admin:index")}
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        url = _changelist(model)
        cases[f"list {model._meta.label}"] = lambda url=url: url
    citations = _changelist(apps.get_model("claims.Citation"))
    cases.update(
        {
            "search claims": lambda: f"{claims}?q={rng.choice(SEARCHES)}",
            "search citations": lambda: f"{citations}?q={rng.choice(SEARCHES)}",
            "search sources": lambda: f"{_changelist(Source)}?q={rng.choice(SOURCE_SEARCHES)}",
            "claims, filtered (status, topic)": lambda: (
                f"{claims}?status__exact=corroborated&topic=syria"
            ),
            "claims, a page deep in the list": lambda: f"{claims}?p={deep_page}",
            "claim page": lambda: reverse(
                "admin:claims_claim_change",
                args=[rng.randint(claim_ids["low"], claim_ids["high"])],
            ),
            "source page": lambda: reverse(
                "admin:sources_source_change", args=[rng.choice(source_ids)]
            ),
            "audit, a claim's events": lambda: (
                f"{_audit_url()}?method=tracks&obj=claims.Claim:"
                f"{rng.randint(claim_ids['low'], claim_ids['high'])}"
            ),
            "audit, a week 90 days ago": lambda: f"{_audit_url()}?since={ago(96)}&until={ago(90)}",
            "audit, status changes (table, event)": lambda: (
                f"{_audit_url()}?model=claims.ClaimEvent&label=update"
            ),
            "audit, the 10th page (keyset)": lambda url=tenth_page: url,
        }
    )
    return cases


def ago(days: int) -> str:
    return f"{datetime.now(UTC).date() - timedelta(days=days):%Y-%m-%d}"


def _followed(client: Client, url: str, times: int) -> str:
    """The page reached by following the "next" link `times` times from `url`."""
    for _ in range(times):
        found = NEXT_LINK.search(client.get(url).content.decode())
        if found is None:
            break
        url = html.unescape(found.group(1))
        if url.startswith("?"):
            url = _audit_url() + url
    return url


def _audit_url() -> str:
    return reverse("admin:pghistory_middlewareevents_changelist")


NEXT_LINK = re.compile(r'<a href="([^"]+)" rel="next"')


def time_page(client: Client, make_url, requests: int, warm_up: int) -> dict:
    times, queries, sql, cpu = [], [], [], []
    status = None
    for round_number in range(warm_up + requests):
        url = make_url()
        started, cpu_started = time.perf_counter(), time.process_time()
        with api_bench.queries_counted() as tally:
            response = client.get(url)
        elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu_started
        status = response.status_code
        if status != 200:
            raise SystemExit(f"{url} answered {status}: {response.content[:300]!r}")
        if round_number >= warm_up:
            times.append(elapsed)
            queries.append(tally["made"])
            sql.append(tally["waited"])
            cpu.append(cpu_used)
    return {
        "median": api_bench._ms(times, 0.5),
        "p95": api_bench._ms(times, 0.95),
        "queries": api_bench._span(set(queries)),
        "sql_median": 1000 * statistics.median(sql),
        "cpu_median": 1000 * statistics.median(cpu),
        "status": status,
    }


def main() -> None:
    # Quiet: every login, and the 403 a reviewer gets for a superuser's page, are logged.
    logging.getLogger("axes").setLevel(logging.WARNING)
    logging.getLogger("django.request").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=1_000_000, help="audit events")
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--rebuild", action="store_true", help="drop and regenerate the database")
    parser.add_argument("--only", default="", help="time only the pages whose name has this")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"{SMOKE_CLAIMS} claims, {SMOKE_EVENTS} events, {SMOKE_REQUESTS} request per page: "
        "checks that every page answers and the bench runs; its timings mean nothing",
    )
    args = parser.parse_args()
    # The smoke run only checks that every page answers: once each, without warming up.
    warm_up = 0 if args.smoke else WARM_UP
    if args.smoke:
        args.claims, args.events, args.requests = SMOKE_CLAIMS, SMOKE_EVENTS, SMOKE_REQUESTS
    prepare(args.claims, args.events, args.rebuild)

    users = {
        "superuser": get_user_model().objects.get(username="bench-admin"),
        "reviewer": get_user_model().objects.get(username="bench-reviewer"),
    }
    claims = Claim.objects.count()
    events = sum(model.objects.count() for model in apps.get_models() if issubclass(model, Event))
    load = os.getloadavg()
    print(
        f"\n{claims} claims, {events} audit events; {args.requests} timed requests per page "
        f"(after {warm_up} to warm up); Django test client in this process; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    print(
        f"{'page':42} {'user':10} {'median':>9} {'p95':>9} {'queries':>8} {'SQL median':>11} "
        f"{'CPU median':>11}  goal",
        flush=True,
    )
    rng = random.Random(7)
    met = timed_pages = 0
    for who, user in users.items():
        client = Client()
        client.force_login(user)
        for name, make_url in pages(client, rng).items():
            if args.only not in name:
                continue
            if who == "reviewer":
                # A reviewer's own pages are timed where the reviewer may open them.
                probe = client.get(make_url())
                if probe.status_code == 403:
                    continue
            row = time_page(client, make_url, args.requests, warm_up)
            ok = row["median"] <= GOAL_MEDIAN_MS and row["p95"] <= GOAL_P95_MS
            met, timed_pages = met + ok, timed_pages + 1
            print(
                f"{name:42} {who:10} {row['median']:7.1f}ms {row['p95']:7.1f}ms "
                f"{row['queries']:>8} {row['sql_median']:9.1f}ms {row['cpu_median']:9.1f}ms  "
                f"{'met' if ok else 'NOT met'}",
                flush=True,
            )
    load = os.getloadavg()
    print(
        f"\n{met} of {timed_pages} pages meet the goal (median ≤ {GOAL_MEDIAN_MS} ms, "
        f"p95 ≤ {GOAL_P95_MS} ms); load average at the end {load[0]:.2f} {load[1]:.2f} "
        f"{load[2]:.2f}"
    )


if __name__ == "__main__":
    main()
