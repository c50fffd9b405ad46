"""Time the reliability engine against PostgreSQL: full recompute, incremental update after one
review, and a point-in-time answer, on a synthetic newsroom of the given size.

    DATABASE_URL=postgres://... python bench/reliability_recompute.py --citations 100000

Everything it writes is rolled back at the end, so it can run against a development database.
It prints the figures and the same-run ratio of incremental update to full recompute.
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
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from claims.models import Citation, Claim, ClaimStatus, Review, Stance, Verdict  # noqa: E402
from sources.models import Source  # noqa: E402
from reliability.engine import (  # noqa: E402
    reliability_recompute_all,
    reliability_source_as_of,
    reliability_update_for_claims,
)
from truth_discovery import make_world  # noqa: E402

START = datetime(2022, 1, 1, tzinfo=UTC)


class Rollback(Exception):
    pass


def populate(n_citations: int, *, stories: int, seed: int):
    """Independent stories, each a synthetic world of bench/truth_discovery.py with sources of
    its own, written with bulk inserts; 5 % of claims reviewed."""
    reviewer = get_user_model().objects.create_user(username="bench-reviewer")
    all_sources, all_claims, citations, reviews = [], [], [], []
    rng = np.random.default_rng(seed)
    for story in range(stories):
        world = make_world(n_citations // stories, seed=seed + story)
        sources = Source.objects.bulk_create(
            [Source(name=f"Story {story} source {k}", slug=f"bench-{story}-{k}") for k in range(world.n_sources)]
        )
        reviewed = rng.random(world.n_claims) < 0.05
        status = np.where(
            reviewed,
            np.where(world.claim_truth, ClaimStatus.CORROBORATED, ClaimStatus.CONTRADICTED),
            ClaimStatus.UNVERIFIED,
        )
        claims = Claim.objects.bulk_create(
            [Claim(text=f"Story {story} claim {k}", status=status[k]) for k in range(world.n_claims)],
            batch_size=5000,
        )
        citations += [
            Citation(
                claim=claims[c],
                source=sources[s],
                stance=Stance.ASSERTS if a else Stance.DENIES,
                url=f"https://bench.example/{story}/{k}",
                published_at=START + timedelta(seconds=float(t)),
            )
            for k, (c, s, a, t) in enumerate(
                zip(world.citation_claim, world.citation_source, world.citation_asserts, world.citation_time)
            )
        ]
        reviews += [
            Review(
                claim=claims[k],
                verdict=Verdict.CORROBORATED if world.claim_truth[k] else Verdict.CONTRADICTED,
                evidence_note="Bench verdict.",
                reviewer=reviewer,
            )
            for k in np.flatnonzero(reviewed)
        ]
        all_sources += sources
        all_claims += claims
    Citation.objects.bulk_create(citations, batch_size=5000)
    Review.objects.bulk_create(reviews, batch_size=5000)
    claim_ids = np.array([c.pk for c in all_claims])
    return reviewer, claim_ids, len(citations), all_sources


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--citations", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=10, help="independent stories (components)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        with transaction.atomic():
            started = time.perf_counter()
            reviewer, claim_ids, n_citations, sources = populate(
                args.citations, stories=args.stories, seed=args.seed
            )
            print(
                f"world: {n_citations} citations of {len(claim_ids)} claims by {len(sources)} sources "
                f"in {args.stories} stories (inserted in {time.perf_counter() - started:.1f} s)"
            )
            started = time.perf_counter()
            full = reliability_recompute_all()
            full_seconds = time.perf_counter() - started
            print(
                f"first full recompute:  {full_seconds:7.2f} s  ({full.sources} sources, {full.claims} "
                f"claims, {full.claims_changed} changed: every new credibility level is audited)"
            )
            started = time.perf_counter()
            again = reliability_recompute_all()
            full_seconds = time.perf_counter() - started
            print(
                f"full recompute again:  {full_seconds:7.2f} s  ({again.claims_changed} claims changed)"
            )

            unreviewed = Claim.objects.filter(pk__in=claim_ids.tolist(), status=ClaimStatus.UNVERIFIED)
            claim = unreviewed.order_by("pk").first()
            Review.objects.create(claim=claim, verdict=Verdict.CORROBORATED, evidence_note="Bench.", reviewer=reviewer)
            Claim.objects.filter(pk=claim.pk).update(status=ClaimStatus.CORROBORATED)
            started = time.perf_counter()
            update = reliability_update_for_claims(claim_ids=[claim.pk])
            incremental_seconds = time.perf_counter() - started
            print(
                f"update after 1 review: {incremental_seconds:7.2f} s  ({update.sources} sources, "
                f"{update.claims} claims in its story, {update.claims_changed} claims changed)"
            )
            started = time.perf_counter()
            reliability_source_as_of(source=sources[0], as_of=START + timedelta(days=365))
            print(f"point-in-time answer:  {time.perf_counter() - started:7.2f} s  (one source, one year in)")
            print(f"update / full recompute (same run): {incremental_seconds / full_seconds:.3f}")
            raise Rollback
    except Rollback:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
