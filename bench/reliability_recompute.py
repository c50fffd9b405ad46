"""Time the reliability engine against PostgreSQL: full recompute, incremental update after one
review, and a point-in-time answer, on a synthetic newsroom of the given size.

    DATABASE_URL=postgres://... python bench/reliability_recompute.py --citations 100000

Everything it writes is rolled back at the end, so it can run against a development database.
It prints the figures beside one GROUP BY scan of the citations in the same run, and the
same-run ratios (full recompute to that scan, update to full recompute). The update after one
review is timed three times: as configured (exact while the review's story is within
RELIABILITY_EXACT_UPDATE_CLAIMS, else local), exact (the whole story, whatever its size: the
cost that sets the limit), and local (the exact limit at 0, as in a newsroom whose graph is one
connected whole), on claims of another story. `--citations 2000 --stories 2` is the smoke size
the test suite runs.
"""

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from database import require_migrated_database  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402
from truth_discovery import make_world  # noqa: E402

from claims.models import Claim, ClaimStatus, Stance, Verdict  # noqa: E402
from claims.services import review_create  # noqa: E402
from reliability.engine import (  # noqa: E402
    reliability_recompute_all,
    reliability_source_as_of,
    reliability_update_for_claims,
)
from sources.models import Source  # noqa: E402

START = datetime(2022, 1, 1, tzinfo=UTC)


class Rollback(Exception):
    pass


def _copy(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _next_ids(cursor, table: str, count: int) -> np.ndarray:
    cursor.execute(f"SELECT coalesce(max(id), 0) FROM {table}")
    first = cursor.fetchone()[0] + 1
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)", [first + count])
    return np.arange(first, first + count)


def populate(n_citations: int, *, stories: int, seed: int):
    """Independent stories, each a synthetic world of bench/truth_discovery.py with sources of
    its own, written with COPY (audit and guard triggers off, as for a restore: they are not what
    is measured); 5 % of claims reviewed, their evidence public a day after the claim."""
    reviewer = get_user_model().objects.create_user(username="bench-reviewer")
    rng = np.random.default_rng(seed)
    now = datetime.now(UTC)
    all_sources, all_claims, n_written = [], [], 0
    raw = connection.connection.cursor()
    raw.execute("SET LOCAL session_replication_role = replica")
    for story in range(stories):
        world = make_world(n_citations // stories, seed=seed + story)
        source_ids = _next_ids(raw, "sources_source", world.n_sources)
        _copy(
            raw,
            "sources_source",
            ("id", "name", "slug", "kind", "country", "domains", "description", "created_at"),
            (
                (
                    int(i),
                    f"Story {story} source {k}",
                    f"bench-{story}-{k}",
                    "news_agency",
                    "",
                    "{}",
                    "",
                    now,
                )
                for k, i in enumerate(source_ids)
            ),
        )
        claim_ids = _next_ids(raw, "claims_claim", world.n_claims)
        reviewed = rng.random(world.n_claims) < 0.05
        verdict = np.where(world.claim_truth, Verdict.CORROBORATED, Verdict.CONTRADICTED)
        status = np.where(reviewed, verdict, ClaimStatus.UNVERIFIED)
        claim_time = np.full(world.n_claims, np.inf)
        np.minimum.at(claim_time, world.citation_claim, world.citation_time)
        claim_time[~np.isfinite(claim_time)] = 0.0
        _copy(
            raw,
            "claims_claim",
            (
                "id",
                "text",
                "language",
                "topic",
                "tags",
                "place_name",
                "created_at",
                "status",
                "credibility",
                "credibility_explanation",
            ),
            (
                (
                    int(i),
                    f"Story {story} claim {k}",
                    "en",
                    "bench",
                    "{}",
                    "",
                    now,
                    status[k],
                    6,
                    "{}",
                )
                for k, i in enumerate(claim_ids)
            ),
        )
        _copy(
            raw,
            "claims_citation",
            ("claim_id", "source_id", "stance", "quote", "url", "published_at", "created_at"),
            (
                (
                    int(claim_ids[c]),
                    int(source_ids[s]),
                    Stance.ASSERTS if a else Stance.DENIES,
                    "",
                    f"https://bench.example/{story}/{k}",
                    START + timedelta(seconds=float(t)),
                    now,
                )
                for k, (c, s, a, t) in enumerate(
                    zip(
                        world.citation_claim,
                        world.citation_source,
                        world.citation_asserts,
                        world.citation_time,
                        strict=True,
                    )
                )
            ),
        )
        _copy(
            raw,
            "claims_review",
            (
                "claim_id",
                "verdict",
                "effective_at",
                "evidence_note",
                "evidence_url",
                "reviewer_id",
                "created_at",
                "evidence_published_at",
            ),
            (
                (
                    int(claim_ids[k]),
                    verdict[k],
                    START + timedelta(seconds=float(claim_time[k])),
                    "Bench verdict.",
                    "",
                    reviewer.pk,
                    now,
                    START + timedelta(seconds=float(claim_time[k]) + 86400),
                )
                for k in np.flatnonzero(reviewed)
            ),
        )
        all_sources += source_ids.tolist()
        all_claims += claim_ids.tolist()
        n_written += len(world.citation_claim)
    raw.execute("SET LOCAL session_replication_role = DEFAULT")
    raw.execute("ANALYZE")
    return reviewer, np.array(all_claims), n_written, all_sources


def group_by_scan_seconds() -> float:
    """The floor a full recompute is compared with: one GROUP BY over every citation."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT source_id, stance, count(*) FROM claims_citation GROUP BY source_id, stance"
        )
        cursor.fetchall()
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--citations", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=10, help="independent stories (components)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    require_migrated_database()
    try:
        with transaction.atomic():
            started = time.perf_counter()
            reviewer, claim_ids, n_citations, sources = populate(
                args.citations, stories=args.stories, seed=args.seed
            )
            print(
                f"world: {n_citations} citations of {len(claim_ids)} claims by "
                f"{len(sources)} sources in {args.stories} stories "
                f"(inserted in {time.perf_counter() - started:.1f} s)"
            )
            scan_seconds = group_by_scan_seconds()
            print(f"one GROUP BY scan of the citations: {scan_seconds:7.2f} s")
            started = time.perf_counter()
            full = reliability_recompute_all()
            full_seconds = time.perf_counter() - started
            print(
                f"first full recompute:  {full_seconds:7.2f} s  "
                f"({full.sources} sources, {full.claims} claims, {full.claims_changed} changed: "
                "every new credibility level is audited)"
            )
            started = time.perf_counter()
            again = reliability_recompute_all()
            full_seconds = time.perf_counter() - started
            print(
                f"full recompute again:  {full_seconds:7.2f} s  "
                f"({again.claims_changed} claims changed)"
            )

            unreviewed = Claim.objects.filter(
                status=ClaimStatus.UNVERIFIED, citations__isnull=False
            )

            def review_and_update(claim, **overrides):
                started = time.perf_counter()
                with override_settings(**overrides):
                    review_create(
                        claim=claim,
                        verdict=Verdict.CORROBORATED,
                        evidence_note="Bench.",
                        reviewer=reviewer,
                    )
                    update = reliability_update_for_claims(claim_ids=[claim.pk])
                return time.perf_counter() - started, update

            # As configured: exact while the review's story is within the exact limit, else local.
            incremental_seconds, update = review_and_update(unreviewed.order_by("pk").first())
            print(
                f"review + update:       {incremental_seconds:7.2f} s  ({update.sources} sources, "
                f"{update.claims} claims re-judged, {update.claims_changed} claims changed; exact "
                f"limit {settings.RELIABILITY_EXACT_UPDATE_CLAIMS} claims)"
            )
            # Both ways on claims of other stories: the whole story exactly, whatever its size,
            # and locally, as in a newsroom whose graph is one connected whole.
            exact_seconds, exact = review_and_update(
                unreviewed.order_by("-pk").first(), RELIABILITY_EXACT_UPDATE_CLAIMS=10**9
            )
            print(
                f"review + exact update: {exact_seconds:7.2f} s  ({exact.sources} sources, "
                f"{exact.claims} claims re-judged, {exact.claims_changed} claims changed)"
            )
            local_seconds, local = review_and_update(
                unreviewed.order_by("-pk").first(), RELIABILITY_EXACT_UPDATE_CLAIMS=0
            )
            print(
                f"review + local update: {local_seconds:7.2f} s  ({local.sources} sources "
                f"re-estimated, {local.claims} claims re-judged, {local.claims_changed} rewritten)"
            )
            started = time.perf_counter()
            first_source = Source.objects.get(pk=sources[0])
            reliability_source_as_of(source=first_source, as_of=START + timedelta(days=365))
            print(
                f"point-in-time answer:  {time.perf_counter() - started:7.2f} s  "
                "(one source, one year in)"
            )
            print(f"full recompute / GROUP BY scan (same run): {full_seconds / scan_seconds:.1f}")
            print(f"update / full recompute (same run): {incremental_seconds / full_seconds:.3f}")
            print(f"full_recompute_seconds: {full_seconds:.2f}")
            print(f"update_seconds: {incremental_seconds:.3f}")
            print(f"exact_update_seconds: {exact_seconds:.3f}")
            print(f"local_update_seconds: {local_seconds:.3f}")
            raise Rollback
    except Rollback:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
