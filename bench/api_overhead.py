"""What the API does to a claims list that its bare view does not, measured in one process.

    .venv/bin/python bench/api_overhead.py [--claims 100000] [--requests 300] [--rebuild]
    .venv/bin/python bench/api_overhead.py --smoke      a tiny run that only checks it works (CI)

Uses bench/api.py's database (BENCH_DATABASE_URL; built once, --rebuild to redo) and its bare
view, and sends requests through Django's test client, so no HTTP server or scheduling between
processes is in the figures: the claims list (and the filtered list) through the bare view, the
API as deployed, the same with its token looked up in PostgreSQL on every request (the token
cache off), the API without its throttle, and the API without its throttle and its token check
(a fixed user). Requests to the five alternate, so all see the same machine. Prints the
median of each, its ratio to the bare view's, the median of its requests' differences from the
bare view's in the same round, and the SQL queries each request made.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import include, path  # noqa: E402
from rest_framework.authentication import BaseAuthentication  # noqa: E402

from bench.api import (  # noqa: E402  (sets up Django for the bench database)
    PAGE_SIZE,
    SMOKE_CLAIMS,
    SMOKE_REQUESTS,
    bare_claim_list,
    prepare_database,
    queries_counted,
)
from claims.api.claims import ClaimListCreateApi  # noqa: E402


class FixedUserAuthentication(BaseAuthentication):
    """The bench's journalist, loaded once: the API with no token to check."""

    user = None

    def authenticate(self, request):
        return FixedUserAuthentication.user, None


urlpatterns = [
    path("bench/bare/claims/", bare_claim_list),
    path("bench/no-throttle/claims/", ClaimListCreateApi.as_view(throttle_classes=[])),
    path(
        "bench/no-throttle-no-token/claims/",
        ClaimListCreateApi.as_view(
            throttle_classes=[], authentication_classes=[FixedUserAuthentication]
        ),
    ),
    path("", include("factcheck.urls")),
]

# URL, and seconds token lookups are cached (None: as configured; 0: the database every time).
VARIANTS = {
    "bare view": ("/bench/bare/claims/", None),
    "API as deployed": ("/api/v1/claims/", None),
    "API, token from PostgreSQL": ("/api/v1/claims/", 0),
    "API, no throttle": ("/bench/no-throttle/claims/", None),
    "API, no throttle, no token": ("/bench/no-throttle-no-token/claims/", None),
}
CASES = {
    "claims list": {"page_size": PAGE_SIZE},
    "claims list, filtered": {
        "page_size": PAGE_SIZE,
        "status": "corroborated",
        "topic": "syria",
        "credibility_max": 3,
    },
}


def measure(client: Client, requests_per_case: int) -> list[dict]:
    rows = []
    for case, parameters in CASES.items():
        query = "?" + urlencode(parameters)
        times = {variant: [] for variant in VARIANTS}
        queries = {variant: set() for variant in VARIANTS}
        order = list(VARIANTS.items())
        configured = getattr(settings, "API_TOKEN_CACHE_SECONDS", 0)
        for round_number in range(requests_per_case + 10):
            # Each variant goes first as often as any other.
            shift = round_number % len(order)
            for variant, (url, cache_seconds) in order[shift:] + order[:shift]:
                if cache_seconds is not None:
                    settings.API_TOKEN_CACHE_SECONDS = cache_seconds
                with queries_counted() as tally:
                    started = time.perf_counter()
                    response = client.get(url + query)
                    elapsed = time.perf_counter() - started
                settings.API_TOKEN_CACHE_SECONDS = configured
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
                if round_number >= 10:  # the first rounds warm caches and connections
                    times[variant].append(elapsed)
                    queries[variant].add(tally["made"])
        bare = statistics.median(times["bare view"])
        for variant in VARIANTS:
            median = statistics.median(times[variant])
            # Each round's request against the bare view's of the same round: less swayed by
            # the machine's load drifting during the run than the difference of the medians.
            paired = statistics.median(
                mine - theirs
                for mine, theirs in zip(times[variant], times["bare view"], strict=True)
            )
            rows.append(
                {
                    "case": case,
                    "variant": variant,
                    "median": 1000 * median,
                    "ratio": median / bare,
                    "paired": 1000 * paired,
                    "queries": "/".join(str(count) for count in sorted(queries[variant])),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="timed requests per variant")
    parser.add_argument("--rebuild", action="store_true", help="drop and regenerate the database")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"{SMOKE_CLAIMS} claims, {SMOKE_REQUESTS} requests per variant: checks that the "
        "bench runs; its timings mean nothing",
    )
    args = parser.parse_args()
    if args.smoke:
        args.claims, args.requests = SMOKE_CLAIMS, SMOKE_REQUESTS

    token = prepare_database(args.claims, args.rebuild)
    settings.ROOT_URLCONF = __name__
    user = get_user_model().objects.get(username="bench-journalist")
    user.role_names = frozenset(user.groups.values_list("name", flat=True))
    FixedUserAuthentication.user = user
    client = Client(SERVER_NAME="127.0.0.1", HTTP_AUTHORIZATION=f"Token {token}")
    rows = measure(client, args.requests)

    print(f"\n{args.requests} timed requests per variant, one process (Django's test client)")
    print(
        f"{'endpoint':24} {'variant':28} {'median':>9} {'/bare':>7} {'+bare, paired':>14} "
        f"{'queries':>8}"
    )
    for row in rows:
        print(
            f"{row['case']:24} {row['variant']:28} {row['median']:7.3f}ms "
            f"{row['ratio']:6.2f}× {row['paired']:+11.3f} ms {row['queries']:>8}"
        )


if __name__ == "__main__":
    main()
