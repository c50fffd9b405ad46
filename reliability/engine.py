"""The reliability engine: what the record says about each source, and how credible each claim is.

Counting rules (README "Reliability" says the same for users)
------------------------------------------------------------
* A decided claim counts for a source that asserted it and was corroborated, or denied it and was
  contradicted; the reverse counts against. A superseded claim was true until the verdict's
  `effective_at`: asserting it before then (by `Citation.published_at`) counts for, asserting it
  after counts against, and denying it the other way round. Citations of a superseded claim with
  no publication time cannot be placed and count neither way.
* Credit and blame go to the source that made the statement. The outlet that relayed it
  (`Citation.via`) carries `RELIABILITY_VIA_WEIGHT` of it (default 0.1), as if it had made a tenth
  of the statement; it never votes on whether the claim is true.
* Sources that share a root in the affiliation tree (SANA and Syrian state TV under the Syrian
  government) are one voice when they say the same thing about a claim; so are sources detected
  copying one another (`RELIABILITY_DETECT_COPYING`). Each keeps its own record.
* Unreviewed claims count too, by their inferred probability (semi-supervised truth discovery, see
  `reliability.truth_discovery`): sources gain a record before reviewers reach their claims.
* Older evidence weighs less only against newer evidence about the same source: half as much for
  every half-life it is older than that source's newest statement. The half-life is learned from
  the decided record (`reliability.half_life`; no decay when the record shows no change) unless
  `RELIABILITY_HALF_LIFE_DAYS` fixes it.
* Each source's reliability is a Beta posterior; its prior is the newest human grade (its nominal
  reliability in GRADE_RELIABILITY, weighing RELIABILITY_GRADE_PRIOR_STRENGTH statements) or, for
  ungraded sources and grade F, the population prior. With little evidence the estimate stays near
  the prior; its 95 % credible interval narrows as evidence accumulates.

Scales
------
* Computed letter: F when the 95 % interval is wider than RELIABILITY_MAX_INTERVAL_WIDTH (default
  0.5), otherwise by the posterior mean: A >= 0.90, B >= 0.775, C >= 0.60, D >= 0.375, E below
  (half-way between the nominal reliabilities of neighbouring grades).
* Disagreement: the human grade (A-E) is flagged when its nominal reliability lies outside the 95 %
  interval of the record alone (population prior instead of the grade), once that interval is
  narrow enough to judge.
* Claim credibility (Admiralty 1-6) from the probability p that the claim is true: reviewed claims
  take their verdict (corroborated or superseded, i.e. true for the time it speaks of: 1;
  contradicted: 5); a disputed claim is judged like an unreviewed one. Otherwise 1 when p >= 0.95
  and at least two independent voices assert it, 2 when p >= 0.80, 3 when p >= 0.55, 6 when
  0.45 < p < 0.55 or nobody was cited (no lean either way), 4 when p > 0.20, else 5.

Computation
-----------
Citations, reviews and grades are read with a few set-based queries, the model runs vectorised
(numpy/scipy), and the results are written back with set-based statements (claims' explanations
are assembled in SQL). The model's numbers on one connected part of the claim-source graph do not
depend on anything outside it, and it always runs a fixed number of iterations, so updating the
part a review touches (`reliability_update_for_claims`) writes exactly the numbers a full
recompute (`reliability_recompute_all`) would.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from typing import cast

import numpy as np
import psycopg
import scipy
from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from claims.models import Citation, Claim, ClaimStatus, Credibility, Stance
from claims.status import derive_status, standing_verdicts, superseded_since
from reliability.half_life import learn_half_life
from reliability.models import ReliabilityParameters, SourceReliability, SourceReliabilitySnapshot
from reliability.scales import GRADE_RELIABILITY, letter_words, record_interval, record_letters
from reliability.truth_discovery import (
    LearnedParameters,
    ModelSettings,
    beta_from_mean,
    beta_interval,
    binary_graph,
    discover_truth,
    half_life_weights,
    pairs_within_groups,
)
from sources.models import Source, SourceRating
from sources.selectors import source_families

CONFIRMED_PROBABILITY = 0.95
CONFIRMED_VOICES = 2
CREDIBILITY_BANDS = [
    # (the probability p is ..., level); the first that holds wins, else improbable.
    (lambda p: p >= 0.80, Credibility.PROBABLY_TRUE),
    (lambda p: p >= 0.55, Credibility.POSSIBLY_TRUE),
    (lambda p: p > 0.45, Credibility.CANNOT_BE_JUDGED),
    (lambda p: p > 0.20, Credibility.DOUBTFUL),
]

MODEL_SETTINGS = ModelSettings(tolerance=1e-7, max_iterations=100, refinement_rounds=2)
"""EM stops once nothing it estimates (a claim's probability, a source's reliability, a learned
parameter) moves by more than 1e-7, or after a hundred iterations: a part of the graph then gives
the whole graph's numbers to within about that (tested to one part in a million), at a fraction
of the fixed hundred iterations' cost."""

DAY = timedelta(days=1)


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceEstimate:
    source_id: int
    alpha: float
    beta: float
    mean: float
    lower: float
    upper: float
    letter: str
    human_grade: str
    disagrees_with_grade: bool
    decided_claims: int
    decided_for: float
    decided_against: float
    statements: float
    newest_evidence_at: datetime | None

    @property
    def letter_words(self) -> str:
        return letter_words(
            letter=self.letter,
            decided_claims=self.decided_claims,
            decided_for=self.decided_for,
            decided_against=self.decided_against,
        )


@dataclass(frozen=True)
class ClaimEstimate:
    claim_id: int
    probability: float
    credibility: int
    basis: str
    """"review" (a verdict stands), "sources" (inferred from who said what) or "none"."""


# A source's stored reliability as the recheck rules compare it: (mean, letter).
Standing = tuple[float, str]


@dataclass(frozen=True)
class ReliabilityUpdate:
    sources: int
    claims: int
    claims_changed: int
    standing: dict[int, tuple[Standing | None, Standing]] = dataclasses.field(default_factory=dict)
    """Each source written: its stored (mean, letter) before (None for a first estimate) and
    after, so callers see who moved without reading every source."""


@dataclass
class _Computation:
    day: date
    sources: dict[str, np.ndarray]
    claims: dict[str, np.ndarray]
    statements: dict[str, np.ndarray]
    voices: dict[str, np.ndarray]
    parameters: LearnedParameters
    half_life_days: float
    """The half-life the evidence was discounted with (inf: none)."""
    claims_before: dict[str, np.ndarray] | None = None
    """A local update's claims judged from every source's stored estimate: what its own model
    said before the change, which is what the change moved them from."""

    def source(self, source_id: int) -> SourceEstimate | None:
        hits = np.flatnonzero(self.sources["source_id"] == source_id)
        if not len(hits):
            return None
        row = {name: values[hits[0]] for name, values in self.sources.items()}
        return SourceEstimate(
            source_id=int(row["source_id"]),
            alpha=float(row["alpha"]),
            beta=float(row["beta"]),
            mean=float(row["mean"]),
            lower=float(row["lower"]),
            upper=float(row["upper"]),
            letter=str(row["letter"]),
            human_grade=str(row["human_grade"]),
            disagrees_with_grade=bool(row["disagrees_with_grade"]),
            decided_claims=int(row["decided_claims"]),
            decided_for=float(row["decided_for"]),
            decided_against=float(row["decided_against"]),
            statements=float(row["statements"]),
            newest_evidence_at=_moment(row["newest_evidence_at"]),
        )

    def claim(self, claim_id: int) -> ClaimEstimate | None:
        hits = np.flatnonzero(self.claims["claim_id"] == claim_id)
        if not len(hits):
            return None
        k = hits[0]
        return ClaimEstimate(
            claim_id=int(claim_id),
            probability=float(self.claims["probability"][k]),
            credibility=int(self.claims["credibility"][k]),
            basis=str(self.claims["basis"][k]),
        )


# ---------------------------------------------------------------------------------------------
# Writes (services)
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def reliability_recompute_all(
    *, now: datetime | None = None, learn: bool = True
) -> ReliabilityUpdate:
    """Rebuild every source's reliability and every claim's credibility from all the evidence,
    and record today's snapshot of each source. Running it twice changes nothing. It learns the
    model's hyperparameters from all the evidence and stores them for the updates after reviews;
    `learn=False` reuses the stored ones (what an update uses, for comparing the two)."""
    now = now or timezone.now()
    all_sources = list(Source.objects.order_by("id").values_list("id", flat=True))
    computation = _compute(
        claim_ids=None, extra_source_ids=all_sources, as_of=None, now=now, learn=learn
    )
    if learn:
        _store_parameters(
            computation.parameters, half_life_days=computation.half_life_days, now=now
        )
    return _write(computation, now=now)


@transaction.atomic
def reliability_update_for_claims(
    *, claim_ids: Iterable[int], now: datetime | None = None
) -> ReliabilityUpdate:
    """Bring reliability and credibility up to date after the evidence about these claims changed
    (a review, a citation): see `_update`."""
    return _update(claim_ids=list(claim_ids), source_ids=[], now=now or timezone.now())


@transaction.atomic
def reliability_update_for_sources(
    *, source_ids: Iterable[int], now: datetime | None = None
) -> ReliabilityUpdate:
    """Bring these sources (and what they said) up to date, e.g. after a new rating."""
    source_ids = sorted(set(source_ids))
    claim_ids = _claims_of_sources(source_ids, as_of=None)
    return _update(claim_ids=claim_ids, source_ids=source_ids, now=now or timezone.now())


def _update(*, claim_ids: list[int], source_ids: list[int], now: datetime) -> ReliabilityUpdate:
    """Recompute the part of the claim-source graph connected to these claims and sources,
    exactly (the numbers a full recompute gives) while that part has at most
    RELIABILITY_EXACT_UPDATE_CLAIMS claims. A newsroom's graph is usually one connected whole
    (agencies quote everyone), so beyond that the update is local: the sources whose own record
    the change touches are re-estimated from all their statements, with every other source held
    at its stored estimate, and the claims those sources spoke about are re-judged (and rewritten
    only where their figures moved: `_moved_claims`). The nightly full recompute then brings
    everything to the exact numbers again."""
    scope = _connected_claims(claim_ids, limit=settings.RELIABILITY_EXACT_UPDATE_CLAIMS)
    if scope is not None:
        computation = _compute(claim_ids=scope, extra_source_ids=source_ids, as_of=None, now=now)
        return _write(computation, now=now)
    touched = sorted(set(source_ids) | _voices_of_claims(claim_ids))
    scope = sorted(set(claim_ids) | set(_claims_of_sources(touched, as_of=None)))
    computation = _compute(
        claim_ids=scope, extra_source_ids=touched, as_of=None, now=now, only_sources=touched
    )
    return _write(computation, now=now, rewrite=_moved_claims(computation, always=claim_ids))


@transaction.atomic
def reliability_history_rebuild(*, now: datetime | None = None) -> int:
    """Record, for every day on which evidence arrived (a citation published, a review or rating
    made), each source's reliability with the evidence up to the end of that day. Returns the
    number of snapshots written. Idempotent."""
    now = now or timezone.now()
    days = _evidence_days(until=now)
    all_sources = list(Source.objects.order_by("id").values_list("id", flat=True))
    written = 0
    for day in days:
        end_of_day = datetime.combine(day, time.max, tzinfo=UTC)
        computation = _compute(
            claim_ids=None, extra_source_ids=all_sources, as_of=end_of_day, now=end_of_day
        )
        written += _write_snapshots(computation, now=now)
    return written


# ---------------------------------------------------------------------------------------------
# Reads (selectors)
# ---------------------------------------------------------------------------------------------


def parse_as_of(text: str) -> datetime:
    """The moment a point-in-time question is about, from `YYYY-MM-DD` (the end of that day,
    UTC, like the daily history: all of that day's evidence) or an ISO 8601 date and time (UTC
    unless it carries an offset). Raises ValueError with a message for the asker."""
    text = text.strip()
    try:
        day = parse_date(text)
        if day is not None:
            return datetime.combine(day, time.max, tzinfo=UTC)
        moment = parse_datetime(text)
        if moment is not None:
            return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"“{text}” is not a real date and time.") from None
    raise ValueError("Give a date as YYYY-MM-DD or a date and time as YYYY-MM-DDTHH:MM (UTC).")


def reliability_source_as_of(*, source: Source, as_of: datetime) -> SourceEstimate:
    """How reliable the record showed this source to be at `as_of`, using only evidence from
    before then (citations published, reviews and ratings made, by that time)."""
    cited = _claims_of_sources([source.pk], as_of=as_of)
    scope = _connected_claims(cited, as_of=as_of)
    computation = _compute(claim_ids=scope, extra_source_ids=[source.pk], as_of=as_of, now=as_of)
    # extra_source_ids puts the source in the computation, so it has an estimate.
    return cast(SourceEstimate, computation.source(source.pk))


def reliability_claim_as_of(*, claim: Claim, as_of: datetime) -> ClaimEstimate:
    """How credible this claim was at `as_of`, from the evidence available then."""
    scope = _connected_claims([claim.pk], as_of=as_of)
    computation = _compute(claim_ids=scope, extra_source_ids=[], as_of=as_of, now=as_of)
    # The scope starts from the claim, so the computation has an estimate of it.
    return cast(ClaimEstimate, computation.claim(claim.pk))


def reliability_history(*, source: Source) -> QuerySet[SourceReliabilitySnapshot]:
    return SourceReliabilitySnapshot.objects.filter(source=source).order_by("day")


# ---------------------------------------------------------------------------------------------
# Evidence -> model -> estimates
# ---------------------------------------------------------------------------------------------


def _connected_claims(
    claim_ids: list[int], *, as_of: datetime | None = None, limit: int | None = None
) -> list[int] | None:
    """The claims reachable from these through sources of one family (sharing an affiliation
    root: they are one voice, and pool their records) or relaying outlets; None when there are
    more than `limit` of them.

    The walk goes a family at a time, with indexed reads: who cited or relayed the claims found
    last, then every claim the new families' members cited or relayed (at most limit + 1 of
    them). Each family is read once, so the work follows the part of the graph walked, and stops
    at the limit, whatever the size of the database."""
    reached = set(claim_ids)
    frontier = sorted(reached)
    known_sources: set[int] = set()
    while frontier:
        speakers = _speakers(frontier, as_of=as_of) - known_sources
        if not speakers:
            break
        members = set(source_families(source_ids=speakers)) - known_sources
        known_sources |= members
        said = _claims_said_by(sorted(members), as_of=as_of, limit=limit)
        frontier = sorted(said - reached)
        reached |= said
        if limit is not None and len(reached) > limit:
            return None
    return sorted(reached)


def _made_by(as_of: datetime | None) -> tuple[str, list]:
    """The condition on a citation for being made by `as_of` (none without), and its parameter:
    its publication, else its entry (as `claims.status.citation_made_at`)."""
    if as_of is None:
        return "", []
    return " AND COALESCE(published_at, created_at) <= %s", [as_of]


def _speakers(claim_ids: list[int], *, as_of: datetime | None) -> set[int]:
    """The sources that cited or relayed these claims (by `as_of`)."""
    made_by, made_by_parameters = _made_by(as_of)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT source_id FROM claims_citation WHERE claim_id = ANY(%s::bigint[]){made_by}
            UNION
            SELECT via_id FROM claims_citation
            WHERE claim_id = ANY(%s::bigint[]) AND via_id IS NOT NULL{made_by}
            """,
            [claim_ids, *made_by_parameters, claim_ids, *made_by_parameters],
        )
        return {row[0] for row in cursor.fetchall()}


def _claims_said_by(
    source_ids: list[int], *, as_of: datetime | None, limit: int | None
) -> set[int]:
    """The claims these sources cited or relayed (by `as_of`); at most limit + 1 of them."""
    made_by, made_by_parameters = _made_by(as_of)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT claim_id FROM claims_citation WHERE source_id = ANY(%s::bigint[]){made_by}
            UNION
            SELECT claim_id FROM claims_citation WHERE via_id = ANY(%s::bigint[]){made_by}
            LIMIT %s
            """,
            [
                source_ids,
                *made_by_parameters,
                source_ids,
                *made_by_parameters,
                None if limit is None else limit + 1,
            ],
        )
        return {row[0] for row in cursor.fetchall()}


def _voices_of_claims(claim_ids: list[int]) -> set[int]:
    """The sources whose own record a change to these claims touches: who made the statements,
    and who relayed them when relays carry a share (RELIABILITY_VIA_WEIGHT)."""
    citations = Citation.objects.filter(claim_id__in=claim_ids)
    voices = set(citations.values_list("source_id", flat=True))
    if settings.RELIABILITY_VIA_WEIGHT > 0:
        voices |= set(citations.exclude(via=None).values_list("via_id", flat=True))
    return voices


def _claims_of_sources(source_ids: list[int], *, as_of: datetime | None) -> list[int]:
    return sorted(_claims_said_by(source_ids, as_of=as_of, limit=None))


_CITATION_ROW = np.dtype(
    [
        ("id", ">i8"),
        ("claim", ">i8"),
        ("source", ">i8"),
        ("via", ">i8"),
        ("asserts", "?"),
        ("published", "?"),
        ("at", ">i8"),
    ]
)
"""One citation as `_citations` has the database pack it: each field in PostgreSQL's binary
form (integers and timestamps big-endian 8 bytes, booleans one byte)."""
_CITATIONS_PER_READ = 2**21
"""Citation ids read per query: at most 2^21 rows of 49 bytes, 100 MB, within the 1 GB a value
can hold, whatever the size of the table."""
_POSTGRES_EPOCH_MICROSECONDS = 946_684_800 * 10**6  # 2000-01-01, where its timestamps count from
_INFINITE_TIMESTAMP = {np.iinfo(np.int64).max: np.inf, np.iinfo(np.int64).min: -np.inf}


def _citations(claim_ids: np.ndarray | None, *, as_of: datetime | None):
    """The citations of these claims (None: all) made by `as_of`, in the order they were cited
    within each claim, as columns: claim, source, relay (0: none), asserts, publication and
    made-at times in seconds since the epoch (publication NaN when unknown).

    The database packs each range of citation ids into one binary value, read straight into
    arrays and put in order here: a million rows as a million rows (Python objects, or COPY's
    one message per row) cost more than the model, and ordering by claim in the query made it
    walk the claim index, reading the table's pages in random order."""
    made_by, made_by_parameters = _made_by(as_of)
    of_claims, of_claims_parameters = "", []
    if claim_ids is not None:
        of_claims, of_claims_parameters = " AND claim_id = ANY(%s::bigint[])", [claim_ids.tolist()]
    where = f"WHERE TRUE{of_claims}{made_by}"
    parameters = [*of_claims_parameters, *made_by_parameters]
    chunks = [np.zeros(0, dtype=_CITATION_ROW)]
    connection.ensure_connection()
    # A cursor of psycopg's own: Django's binds parameters client-side, with text results.
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM claims_citation {where}", parameters)
        [(first, last)] = cursor.fetchall()
        if first is not None:
            for start in range(first, last + 1, _CITATIONS_PER_READ):
                cursor.execute(
                    f"""
                    SELECT string_agg(
                        int8send(id) || int8send(claim_id) || int8send(source_id)
                        || int8send(COALESCE(via_id, 0)) || boolsend(stance = %s)
                        || boolsend(published_at IS NOT NULL)
                        || timestamptz_send(COALESCE(published_at, created_at)),
                        ''::bytea
                    )
                    FROM claims_citation
                    {where} AND id >= %s AND id < %s
                    """,
                    [Stance.ASSERTS, *parameters, start, start + _CITATIONS_PER_READ],
                    binary=True,
                )
                [(packed,)] = cursor.fetchall()  # an aggregate: one row
                if packed is not None:
                    chunks.append(np.frombuffer(packed, dtype=_CITATION_ROW))
    rows = np.concatenate(chunks)
    rows = rows[np.lexsort((rows["id"], rows["claim"]))]
    at = _epoch_seconds(rows["at"])
    return (
        rows["claim"].astype(np.int64),
        rows["source"].astype(np.int64),
        rows["via"].astype(np.int64),
        rows["asserts"].copy(),
        np.where(rows["published"], at, np.nan),
        at,
    )


def _epoch_seconds(timestamps: np.ndarray) -> np.ndarray:
    """PostgreSQL's binary timestamps (microseconds since 2000) as seconds since 1970, exactly as
    `EXTRACT(EPOCH FROM ...)::float8` gives them: the microseconds (a float holds them exactly
    within 2^52 of 2000, 142 years) divided by a million, correctly rounded; the rare moments
    beyond as exact fractions, and the infinities as such."""
    timestamps = timestamps.astype(np.int64)
    near = (timestamps > -(2**52)) & (timestamps < 2**52)
    seconds = (np.where(near, timestamps, 0) + _POSTGRES_EPOCH_MICROSECONDS) / 1e6
    for k in np.flatnonzero(~near).tolist():
        microseconds = int(timestamps[k])
        seconds[k] = _INFINITE_TIMESTAMP.get(
            microseconds, float(Fraction(microseconds + _POSTGRES_EPOCH_MICROSECONDS, 10**6))
        )
    return seconds


def _standing(claim_ids: np.ndarray, *, as_of: datetime | None, every_claim: bool):
    """Status of each claim at `as_of`, and for superseded ones when they stopped being true."""
    status = np.full(len(claim_ids), ClaimStatus.UNVERIFIED, dtype=object)
    stopped = np.full(len(claim_ids), np.inf)
    standing = standing_verdicts(claim_ids=None if every_claim else claim_ids.tolist(), as_of=as_of)
    for claim_id, verdicts in standing.items():
        k = np.searchsorted(claim_ids, claim_id)
        if k == len(claim_ids) or claim_ids[k] != claim_id:
            continue  # reviewed, but not cited by then
        status[k] = derive_status(verdicts)
        if status[k] == ClaimStatus.SUPERSEDED:
            # A superseded status comes from at least one standing "superseded" verdict.
            stopped[k] = cast(datetime, superseded_since(verdicts)).timestamp()
    return status, stopped


def _columns(rows: list[tuple], width: int) -> list[np.ndarray]:
    """Columns of query rows as arrays (object arrays, except integer ids in the first)."""
    columns = [np.array([row[k] for row in rows], dtype=object) for k in range(width)]
    columns[0] = columns[0].astype(np.int64) if rows else np.zeros(0, dtype=np.int64)
    return columns


def _grades(source_ids: np.ndarray, *, as_of: datetime | None) -> np.ndarray:
    ratings = SourceRating.objects.filter(source_id__in=source_ids.tolist())
    if as_of is not None:
        ratings = ratings.filter(rated_at__lte=as_of)
    newest = ratings.order_by("source_id", "-rated_at", "-id").distinct("source_id")
    ids, grades = _columns(list(newest.values_list("source_id", "grade")), 2)
    result = np.full(len(source_ids), "", dtype=object)
    result[np.searchsorted(source_ids, ids)] = grades
    return result


def _compute(
    *,
    claim_ids,
    extra_source_ids,
    as_of: datetime | None,
    now: datetime,
    only_sources=None,
    learn: bool = False,
) -> _Computation:
    """Estimates for these claims (None: all) and every source citing them or in extra_source_ids,
    from the evidence up to as_of (None: all of it). Given `only_sources`, every other source is
    held at its stored estimate (it votes with it, and its record is neither changed nor
    returned), and copying is not looked for, since only part of each held source's record is
    in view. The model's hyperparameters are learned from this evidence when `learn` (a full
    recompute), else the stored ones are used (learned afresh when none is stored yet)."""
    day = (as_of or now).astimezone(UTC).date()
    claim_ids_given = claim_ids
    claims = Claim.objects.all()
    if claim_ids is not None:
        # One array parameter: tens of thousands of ids as `IN (%s, ...)` cost more to build
        # and plan than to read.
        claims = claims.filter(id__in=RawSQL("SELECT unnest(%s::bigint[])", [list(claim_ids)]))
    claim_ids = np.fromiter(claims.order_by("id").values_list("id", flat=True), dtype=np.int64)

    cited_claim, cited_source, via, asserts, published, at = _citations(
        None if claim_ids_given is None else claim_ids, as_of=as_of
    )

    source_ids = np.unique(
        np.concatenate([cited_source, via[via > 0], np.asarray(extra_source_ids, dtype=np.int64)])
    )
    # Whole families: a member's prior pools its family's record, and who is one voice follows
    # the family's root.
    families = source_families(source_ids=source_ids.tolist())
    source_ids = np.union1d(source_ids, np.fromiter(families, dtype=np.int64, count=len(families)))
    claim_index = np.searchsorted(claim_ids, cited_claim)
    source_index = np.searchsorted(source_ids, cited_source)

    # Items: claim k is item 2k; a superseded claim's statements after it stopped being true go
    # to item 2k+1, which is false.
    status, stopped = _standing(claim_ids, as_of=as_of, every_claim=claim_ids_given is None)
    is_superseded = status == ClaimStatus.SUPERSEDED
    cited_superseded = is_superseded[claim_index]
    # An unresolved claim counts for and against nobody; a superseded one's statements with no
    # publication time cannot be placed before or after it stopped being true.
    placeable = (status[claim_index] != ClaimStatus.UNRESOLVED) & (
        ~cited_superseded | ~np.isnan(published)
    )
    after = cited_superseded & (published >= stopped[claim_index])  # NaN (no time) is never after
    item = 2 * claim_index + after

    labels = np.full(2 * len(claim_ids), -1, dtype=np.int64)
    true_item = np.flatnonzero((status == ClaimStatus.CORROBORATED) | is_superseded)
    labels[2 * true_item] = 4 * true_item
    false_item = np.flatnonzero(status == ClaimStatus.CONTRADICTED)
    labels[2 * false_item] = 4 * false_item + 1
    superseded_index = np.flatnonzero(is_superseded)
    labels[2 * superseded_index + 1] = 2 * (2 * superseded_index + 1) + 1

    own = placeable
    relayed = (via > 0) & placeable
    statement_source = np.concatenate(
        [source_index[own], np.searchsorted(source_ids, via[relayed])]
    )
    statement_at = np.concatenate([at[own], at[relayed]])
    relay_weight = settings.RELIABILITY_VIA_WEIGHT
    credits = np.concatenate([np.ones(int(own.sum())), np.full(int(relayed.sum()), relay_weight)])
    held = np.zeros(len(source_ids), dtype=bool)
    if only_sources is not None:
        held = ~np.isin(source_ids, np.asarray(only_sources, dtype=np.int64))
        credits[held[statement_source]] = 0.0
    newest = _newest_evidence(statement_source, statement_at, credits > 0, len(source_ids))
    stored = None if learn else _stored_parameters()
    half_life_days = _half_life_days(
        stored=stored,
        source=source_index[own],
        at=at[own],
        value=2 * item[own] + ~asserts[own],
        label=labels[item[own]],
    )
    decay = half_life_weights(
        newest[statement_source] - statement_at, half_life_days * DAY.total_seconds()
    )
    graph = binary_graph(
        n_statements=2 * len(claim_ids),
        n_sources=len(source_ids),
        statement=np.concatenate([item[own], item[relayed]]),
        source=statement_source,
        asserts=np.concatenate([asserts[own], asserts[relayed]]),
        vote_weight=np.concatenate([np.ones(int(own.sum())), np.zeros(int(relayed.sum()))]),
        credit_weight=credits * decay,
    )

    grades = _grades(source_ids, as_of=as_of)
    prior_alpha, prior_beta = _priors(grades)
    parent, root = _family_tree(source_ids, families)
    stored_alpha, stored_beta = prior_alpha, prior_beta
    decided_record = None
    if held.any():
        # A local update: no family pooling over records only partly in view; each source starts
        # from the prior the last full run gave it, and held sources from their stored posterior
        # and decided record.
        prior_alpha, prior_beta, stored_alpha, stored_beta, decided_record = _stored_priors(
            source_ids, held, prior_alpha, prior_beta
        )
        parent = None
    first, second = pairs_within_groups(root)
    same_root = scipy.sparse.csr_matrix(
        (np.ones(len(first)), (first, second)), shape=(len(source_ids), len(source_ids))
    )
    parameters = None if stored is None else stored[0]
    estimate = discover_truth(
        graph,
        prior_alpha=prior_alpha,
        prior_beta=prior_beta,
        parent=parent,
        parameters=parameters,
        labels=labels,
        dependence=same_root,
        detect_copying=settings.RELIABILITY_DETECT_COPYING and only_sources is None,
        decided_record=decided_record,
        settings=MODEL_SETTINGS,
    )
    before = None
    if held.any() and parameters is not None:
        # The same local model with every source held at its stored estimate (no statement moves
        # any record): the claims as they stood before the change, by this model.
        before = discover_truth(
            dataclasses.replace(graph, credit_weight=np.zeros(len(statement_source))),
            prior_alpha=stored_alpha,
            prior_beta=stored_beta,
            parent=None,
            parameters=parameters,
            labels=labels,
            dependence=same_root,
            detect_copying=False,
            decided_record=decided_record,
            settings=MODEL_SETTINGS,
        )

    sources = _source_results(estimate, graph, labels, grades, source_ids, claim_index[own], newest)
    sources = {name: values[~held] for name, values in sources.items()}

    def judged(estimate):
        return _claim_results(
            estimate,
            claim_ids,
            status,
            source_ids[root],
            source_ids,
            cited_claim[own],
            source_index[own],
            via[own],
            asserts[own],
            item[own],
            labels,
        )

    claims, statements, voices = judged(estimate)
    return _Computation(
        day=day,
        sources=sources,
        claims=claims,
        statements=statements,
        voices=voices,
        parameters=estimate.parameters,
        half_life_days=half_life_days,
        claims_before=None if before is None else judged(before)[0],
    )


def _stored_priors(source_ids, held, prior_alpha, prior_beta):
    """For a local update: each held source's stored posterior stands for its whole record as its
    prior, and its stored decided record for its record on reviewed claims; every other source
    starts from the prior the last full run gave it (its grade, its family's pooled record or the
    population prior). Also every source's stored posterior (its prior when none is stored), for
    judging the claims as they stood."""
    stored = SourceReliability.objects.filter(source_id__in=source_ids.tolist()).values_list(
        "source_id", "alpha", "beta", "prior_alpha", "prior_beta", "decided_for", "decided_against"
    )
    known = {row[0]: row[1:] for row in stored}
    alpha, beta = np.array(prior_alpha, dtype=float), np.array(prior_beta, dtype=float)
    stored_alpha, stored_beta = alpha.copy(), beta.copy()
    decided_record = np.full((len(source_ids), 2), np.nan)
    for k, source_id in enumerate(source_ids.tolist()):
        if source_id not in known:
            continue
        posterior_alpha, posterior_beta, start_alpha, start_beta, *record = known[source_id]
        stored_alpha[k], stored_beta[k] = posterior_alpha, posterior_beta
        if held[k]:
            alpha[k], beta[k] = posterior_alpha, posterior_beta
            decided_record[k] = record
        elif start_alpha is not None:
            alpha[k], beta[k] = start_alpha, start_beta
    return alpha, beta, stored_alpha, stored_beta, decided_record


def _family_tree(source_ids: np.ndarray, families: dict[int, int | None]):
    """Each source's parent as an index into source_ids (-1 for roots) and its root's index."""
    parent = np.array(
        [
            np.searchsorted(source_ids, parent_id) if (parent_id := families.get(s)) else -1
            for s in source_ids.tolist()
        ],
        dtype=np.int64,
    )
    root = np.arange(len(source_ids))
    for _ in range(len(source_ids)):
        climbing = parent[root] >= 0
        if not climbing.any():
            break
        root[climbing] = parent[root[climbing]]
    return parent, root


def _half_life_days(*, stored, source, at, value, label) -> float:
    """The half-life evidence is discounted with, in days (inf: none): RELIABILITY_HALF_LIFE_DAYS
    when set (0: none), else the one the last full recompute learned (`stored`), else learned
    now from the sources' decided statements: those whose item's right value (`label`, -1:
    undecided) is known, each right when it names that value (`value`)."""
    fixed = settings.RELIABILITY_HALF_LIFE_DAYS
    if fixed is not None:
        return float(fixed) or np.inf
    if stored is not None:
        return stored[1]
    decided = label >= 0
    return learn_half_life(
        source=source[decided], at=at[decided], right=value[decided] == label[decided]
    )


def _store_parameters(
    parameters: LearnedParameters, *, half_life_days: float, now: datetime
) -> None:
    """Keep only the newest: the history of the numbers is in the snapshots."""
    ReliabilityParameters.objects.all().delete()
    ReliabilityParameters.objects.create(
        half_life_days=half_life_days if np.isfinite(half_life_days) else None,
        population_alpha=parameters.population_alpha,
        population_beta=parameters.population_beta,
        temperature=parameters.temperature,
        near_rate=[float(v) for v in parameters.near_rate],
        near_scale=[float(v) for v in parameters.near_scale],
        false_values=[None if np.isnan(v) else float(v) for v in parameters.false_values],
        combination=[float(v) for v in parameters.combination],
        em_strength=parameters.em_strength if np.isfinite(parameters.em_strength) else None,
        excess_agreement=parameters.excess_agreement,
        learned_at=now,
    )


def _stored_parameters() -> tuple[LearnedParameters, float] | None:
    """The model's parameters and the half-life in days (inf: none) the last full run learned."""
    stored = ReliabilityParameters.objects.order_by("-learned_at", "-id").first()
    if stored is None:
        return None
    model = LearnedParameters(
        population_alpha=stored.population_alpha,
        population_beta=stored.population_beta,
        temperature=stored.temperature,
        near_rate=np.array(stored.near_rate, dtype=float),
        near_scale=np.array(stored.near_scale, dtype=float),
        false_values=np.array(
            [np.nan if v is None else v for v in stored.false_values], dtype=float
        ),
        combination=np.array(stored.combination, dtype=float),
        em_strength=np.inf if stored.em_strength is None else stored.em_strength,
        excess_agreement=stored.excess_agreement,
    )
    return model, np.inf if stored.half_life_days is None else stored.half_life_days


def _moment(timestamp: float) -> datetime | None:
    return datetime.fromtimestamp(timestamp, UTC) if np.isfinite(timestamp) else None


def _newest_evidence(source, at, counts, n_sources) -> np.ndarray:
    """Time of each source's newest statement that counts in its record (-inf: none). Evidence is
    discounted against this, not against today: an archive whose whole record is from one month
    two years ago keeps it at full strength, while a source whose behaviour changes is followed."""
    newest = np.full(n_sources, -np.inf)
    np.maximum.at(newest, source[counts], at[counts])
    return newest


def _priors(grades: np.ndarray):
    """A human grade (A-E) is a fixed prior; NaN leaves the prior to the model (the family's
    pooled record or the population prior it learns)."""
    mean = np.array([GRADE_RELIABILITY.get(g, np.nan) for g in grades], dtype=float)
    return beta_from_mean(mean, settings.RELIABILITY_GRADE_PRIOR_STRENGTH)


def _unique_pairs(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (first, second) pairs of two integer columns in lexicographic order, and
    which of them each row is: `np.unique(..., axis=0)` on one integer key per row instead of on
    rows, many times faster on hundreds of thousands of statements."""
    values, rank = np.unique(second, return_inverse=True)
    base = max(len(values), 1)
    keys, inverse = np.unique(first.astype(np.int64) * base + rank, return_inverse=True)
    return np.column_stack([keys // base, values[keys % base]]).astype(np.int64), inverse


def _source_results(estimate, graph, labels, grades, source_ids, own_claim_index, newest):
    alpha, beta = estimate.source_alpha, estimate.source_beta
    mean = alpha / (alpha + beta)
    lower, upper = beta_interval(alpha, beta)
    label = labels[graph.value_item[graph.claim_value]]
    decided = label >= 0
    right = decided & (graph.claim_value == label)
    wrong = decided & ~right
    credit = graph.credit_weight
    n_sources = len(source_ids)
    decided_for = np.bincount(graph.claim_source, weights=credit * right, minlength=n_sources)
    decided_against = np.bincount(graph.claim_source, weights=credit * wrong, minlength=n_sources)
    # Distinct decided claims per source, from its own statements (not what it relayed).
    own = graph.vote_weight > 0
    pairs, _ = _unique_pairs(graph.claim_source[own & decided], own_claim_index[decided[own]])
    decided_claims = (
        np.bincount(pairs[:, 0], minlength=n_sources) if len(pairs) else np.zeros(n_sources, int)
    )
    # The grade disagrees when its nominal reliability lies outside what the decided record alone
    # supports, once that record can be judged at all.
    _, record_lower, record_upper = record_interval(decided_for, decided_against)
    nominal = np.array([GRADE_RELIABILITY.get(g, np.nan) for g in grades], dtype=float)
    judgeable = (record_upper - record_lower) <= settings.RELIABILITY_MAX_INTERVAL_WIDTH
    disagrees = judgeable & ((nominal < record_lower) | (nominal > record_upper))
    return {
        "source_id": source_ids,
        "alpha": alpha,
        "beta": beta,
        "mean": mean,
        "lower": np.minimum(lower, mean),
        "upper": np.maximum(upper, mean),
        "letter": record_letters(decided_for, decided_against),
        "human_grade": grades,
        "disagrees_with_grade": disagrees,
        "decided_claims": decided_claims,
        "decided_for": decided_for,
        "decided_against": decided_against,
        "statements": estimate.source_evidence,
        "newest_evidence_at": newest,
        "prior_alpha": estimate.prior_alpha,
        "prior_beta": estimate.prior_beta,
    }


def _claim_results(
    estimate,
    claim_ids,
    status,
    root,
    source_ids,
    cited_claim,
    source_index,
    via,
    asserts,
    item,
    labels,
):
    n_claims = len(claim_ids)
    # What each statement says about "the claim is true", in log-odds, as a share of one voice.
    toward_true = np.where(asserts, 1.0, -1.0) * estimate.claim_log_odds[: len(cited_claim)]
    claim_index = np.searchsorted(claim_ids, cited_claim)
    total = np.bincount(claim_index, weights=toward_true, minlength=n_claims)
    from_sources = 1.0 / (1.0 + np.exp(-total))

    # Voices: statements grouped by the root of their source's affiliation.
    statement_root = root[source_index]
    voice_key, voice_of_statement = _unique_pairs(claim_index, statement_root)
    voice_log_odds = np.bincount(
        voice_of_statement.ravel(), weights=toward_true, minlength=len(voice_key)
    )
    voice_claim = voice_key[:, 0]
    without = 1.0 / (1.0 + np.exp(-(total[voice_claim] - voice_log_odds)))
    voice_shift = from_sources[voice_claim] - without
    # Independent voices that assert the claim (a denial never confirms it, however unreliable
    # the denier).
    asserting_roots, _ = _unique_pairs(claim_index[asserts], statement_root[asserts])
    asserting_voices = np.bincount(asserting_roots[:, 0], minlength=n_claims)
    has_citations = np.bincount(claim_index, minlength=n_claims) > 0

    credibility = np.select(
        [band(from_sources) for band, _ in CREDIBILITY_BANDS],
        [level for _, level in CREDIBILITY_BANDS],
        default=Credibility.IMPROBABLE,
    )
    confirmed = (from_sources >= CONFIRMED_PROBABILITY) & (asserting_voices >= CONFIRMED_VOICES)
    credibility[confirmed] = Credibility.CONFIRMED
    credibility[~has_citations] = Credibility.CANNOT_BE_JUDGED
    probability = np.where(has_citations, from_sources, 0.5)
    basis = np.where(has_citations, "sources", "none").astype(object)

    true_verdict = (status == ClaimStatus.CORROBORATED) | (status == ClaimStatus.SUPERSEDED)
    false_verdict = status == ClaimStatus.CONTRADICTED
    unresolved = status == ClaimStatus.UNRESOLVED
    credibility[true_verdict] = Credibility.CONFIRMED
    credibility[false_verdict] = Credibility.IMPROBABLE
    credibility[unresolved] = Credibility.CANNOT_BE_JUDGED
    probability = np.where(true_verdict, 1.0, np.where(false_verdict, 0.0, probability))
    probability[unresolved] = 0.5
    basis[true_verdict | false_verdict | unresolved] = "review"

    label = labels[item]
    counted = np.where(
        label < 0,
        "",
        np.where(2 * item + (~asserts) == label, "for", "against"),
    ).astype(object)
    reliability = estimate.source_alpha / (estimate.source_alpha + estimate.source_beta)
    claims = {
        "claim_id": claim_ids,
        "probability": probability,
        "credibility": credibility,
        "basis": basis,
        "status": status,
        "from_sources": np.where(has_citations, from_sources, np.nan),
    }
    statements = {
        "claim_id": cited_claim,
        "source_id": source_ids[source_index],
        "root_id": statement_root,
        "via_id": via,
        "stance": np.where(asserts, Stance.ASSERTS, Stance.DENIES).astype(object),
        "reliability": reliability[source_index],
        "share": estimate.claim_voice[: len(cited_claim)],
        "log_odds": toward_true,
        "counted": counted,
    }
    voices = {
        "claim_id": claim_ids[voice_claim],
        "root_id": voice_key[:, 1],
        "log_odds": voice_log_odds,
        "shift": voice_shift,
    }
    return claims, statements, voices


# ---------------------------------------------------------------------------------------------
# Writing estimates
# ---------------------------------------------------------------------------------------------


def _moved_claims(computation: _Computation, *, always: list[int]) -> np.ndarray:
    """Which re-judged claims a local update rewrites: those the change is about, those never
    judged, and those the change moved: a new credibility level, or a probability that moved by
    at least RELIABILITY_LOCAL_UPDATE_MIN_CHANGE from what the same local model gives with every
    source at its stored estimate. Comparing with the local model's own figures, not with the
    stored ones (a full recompute's, with copying detected and families pooled), keeps the
    difference between the two models from being written (and announced) as a change, and then
    undone by the nightly recompute. The rest keep their stored figures and explanation until
    then, so the update writes what the change moved, not everything its sources said."""
    claims = computation.claims
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM claims_claim"
            " WHERE id = ANY(%s::bigint[]) AND credibility_probability IS NULL",
            [claims["claim_id"].tolist()],
        )
        never_judged = [row[0] for row in cursor.fetchall()]
    rewrite = np.isin(claims["claim_id"], np.asarray([*always, *never_judged], dtype=np.int64))
    before = computation.claims_before
    if before is None:
        return np.ones(len(claims["claim_id"]), dtype=bool)
    return (
        rewrite
        | (before["credibility"] != claims["credibility"])
        | ~(
            np.abs(before["probability"] - claims["probability"])
            < settings.RELIABILITY_LOCAL_UPDATE_MIN_CHANGE
        )
    )


def _write(
    computation: _Computation, *, now: datetime, rewrite: np.ndarray | None = None
) -> ReliabilityUpdate:
    """Store the sources' estimates, today's snapshots and the claims' credibility (those in
    `rewrite` only, when given)."""
    sources = computation.sources
    written = [int(source_id) for source_id in sources["source_id"]]
    before = {
        source_id: (mean, letter)
        for source_id, mean, letter in SourceReliability.objects.filter(
            source_id__in=written
        ).values_list("source_id", "mean", "letter")
    }
    SourceReliability.objects.bulk_create(
        [
            SourceReliability(
                source_id=int(sources["source_id"][k]),
                alpha=float(sources["alpha"][k]),
                beta=float(sources["beta"][k]),
                mean=float(sources["mean"][k]),
                lower=float(sources["lower"][k]),
                upper=float(sources["upper"][k]),
                letter=sources["letter"][k],
                human_grade=sources["human_grade"][k],
                disagrees_with_grade=bool(sources["disagrees_with_grade"][k]),
                decided_claims=int(sources["decided_claims"][k]),
                decided_for=float(sources["decided_for"][k]),
                decided_against=float(sources["decided_against"][k]),
                statements=float(sources["statements"][k]),
                newest_evidence_at=_moment(sources["newest_evidence_at"][k]),
                prior_alpha=float(sources["prior_alpha"][k]),
                prior_beta=float(sources["prior_beta"][k]),
                computed_at=now,
            )
            for k in range(len(sources["source_id"]))
        ],
        update_conflicts=True,
        unique_fields=["source"],
        update_fields=[
            "alpha",
            "beta",
            "mean",
            "lower",
            "upper",
            "letter",
            "human_grade",
            "disagrees_with_grade",
            "decided_claims",
            "decided_for",
            "decided_against",
            "statements",
            "newest_evidence_at",
            "prior_alpha",
            "prior_beta",
            "computed_at",
        ],
    )
    _write_snapshots(computation, now=now)
    changed = _write_claims(computation if rewrite is None else _only_claims(computation, rewrite))
    return ReliabilityUpdate(
        sources=len(written),
        claims=len(computation.claims["claim_id"]),
        claims_changed=changed,
        standing={
            source_id: (before.get(source_id), (float(mean), str(letter)))
            for source_id, mean, letter in zip(
                written, sources["mean"], sources["letter"], strict=True
            )
        },
    )


def _only_claims(computation: _Computation, keep: np.ndarray) -> _Computation:
    """The computation narrowed to some of its claims (with their statements and voices)."""
    kept = computation.claims["claim_id"][keep]

    def narrowed(table: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        rows = np.isin(table["claim_id"], kept)
        return {name: values[rows] for name, values in table.items()}

    return dataclasses.replace(
        computation,
        claims={name: values[keep] for name, values in computation.claims.items()},
        statements=narrowed(computation.statements),
        voices=narrowed(computation.voices),
        claims_before=None,
    )


def _write_snapshots(computation: _Computation, *, now: datetime) -> int:
    sources = computation.sources
    snapshots = [
        SourceReliabilitySnapshot(
            source_id=int(sources["source_id"][k]),
            day=computation.day,
            mean=float(sources["mean"][k]),
            lower=float(sources["lower"][k]),
            upper=float(sources["upper"][k]),
            letter=sources["letter"][k],
            decided_claims=int(sources["decided_claims"][k]),
            computed_at=now,
        )
        for k in range(len(sources["source_id"]))
    ]
    SourceReliabilitySnapshot.objects.bulk_create(
        snapshots,
        update_conflicts=True,
        unique_fields=["source", "day"],
        update_fields=["mean", "lower", "upper", "letter", "decided_claims", "computed_at"],
    )
    return len(snapshots)


def _write_claims(computation: _Computation) -> int:
    """Store each claim's credibility and explanation; rows whose values did not change are left
    alone (so their audit history only records real changes of level). The explanations are
    built here and copied in, so one statement compares and writes them all."""
    claims = computation.claims
    if not len(claims["claim_id"]):
        return 0
    explanations = _explanations(computation)
    cursor = connection.connection.cursor()
    _copy_rows(
        cursor,
        "computed (claim_id bigint, credibility smallint, probability float8, explanation jsonb)",
        zip(
            claims["claim_id"].tolist(),
            claims["credibility"].tolist(),
            claims["probability"].tolist(),
            explanations,
            strict=True,
        ),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE claims_claim
            SET credibility = computed.credibility,
                credibility_probability = computed.probability,
                credibility_explanation = computed.explanation
            FROM computed
            WHERE claims_claim.id = computed.claim_id
              AND (claims_claim.credibility IS DISTINCT FROM computed.credibility
                   OR claims_claim.credibility_probability IS NULL
                   OR abs(claims_claim.credibility_probability - computed.probability) > 1e-9
                   OR claims_claim.credibility_explanation IS DISTINCT FROM computed.explanation)
            """
        )
        updated = cursor.rowcount
        cursor.execute("DROP TABLE computed")
    return updated


def _rounded(values: np.ndarray) -> np.ndarray:
    """round(value, 4) of each value, exactly as Python rounds (the value's exact decimal, half
    to even): rint of the value scaled by 10^4 wherever the scaling's own rounding error cannot
    carry it across a half, and round itself for the few that lie that close to a half (and for
    values too large to scale exactly, or not finite). round on each of millions of figures cost
    seconds of a full recompute."""
    with np.errstate(over="ignore", invalid="ignore"):  # those go to round below
        scaled = values * 1e4
        rounded = np.rint(scaled) / 1e4
        off_half = np.abs(scaled - np.floor(scaled) - 0.5)
        doubtful = ~(off_half > 4 * np.spacing(np.abs(scaled))) | ~(np.abs(scaled) < 2.0**52)
    for k in np.flatnonzero(doubtful).tolist():
        rounded[k] = round(float(values[k]), 4)
    return rounded


def _json_numbers(values: np.ndarray, *, missing: str = "NaN") -> list[str]:
    """Each value rounded to 4 places as JSON text, as json.dumps writes round(value, 4); NaN
    as `missing`."""
    rounded = _rounded(values)
    texts = list(map(float.__repr__, rounded.tolist()))
    for k in np.flatnonzero(~np.isfinite(rounded)).tolist():
        texts[k] = missing if np.isnan(rounded[k]) else json.dumps(float(rounded[k]))
    return texts


def _json_strings(values) -> list[str]:
    """Each string (or None) as JSON text, encoded once per distinct value."""
    encoded = {value: json.dumps(value) for value in set(values)}
    return [encoded[value] for value in values]


def _explanations(computation: _Computation) -> list[str]:
    """Each claim's explanation as JSON text: its probability and basis, and its voices (biggest
    influence first), each with the statements that make it up in the order they were cited.
    The text is put together from each field's JSON, as json.dumps writes the same dicts: a dict
    built and encoded for each of a million statements cost more than the model."""
    claims, statements, voices = computation.claims, computation.statements, computation.voices
    named = np.concatenate([statements["source_id"], statements["via_id"], voices["root_id"]])
    names = dict(
        Source.objects.filter(pk__in=np.unique(named[named > 0]).tolist()).values_list("pk", "name")
    )
    quoted = {pk: json.dumps(name) for pk, name in names.items()}
    statement_texts = [
        f'{{"source": {quoted[source_id]}, "source_id": {source_id}, "stance": {stance}, '
        f'"via": {quoted.get(via_id, "null")}, "reliability": {reliability}, "share": {share}, '
        f'"log_odds": {log_odds}, "counted": {counted}}}'
        for source_id, via_id, stance, reliability, share, log_odds, counted in zip(
            statements["source_id"].tolist(),
            statements["via_id"].tolist(),
            _json_strings(statements["stance"]),
            _json_numbers(statements["reliability"]),
            _json_numbers(statements["share"]),
            _json_numbers(statements["log_odds"]),
            _json_strings([counted or None for counted in statements["counted"]]),
            strict=True,
        )
    ]
    # Each voice's statements in the order they were cited: the statements of one (claim, root)
    # pair are consecutive once stably sorted by pair.
    n_statements = len(statements["claim_id"])
    pairs, pair = _unique_pairs(
        np.concatenate([statements["claim_id"], voices["claim_id"]]),
        np.concatenate([statements["root_id"], voices["root_id"]]),
    )
    statement_pair, voice_pair = pair[:n_statements], pair[n_statements:]
    statement_texts = [statement_texts[k] for k in np.argsort(statement_pair, kind="stable")]
    counts = np.bincount(statement_pair, minlength=len(pairs))
    voice_texts = [
        f'{{"voice": {quoted[root_id]}, "log_odds": {log_odds}, "shift": {shift}, '
        f'"statements": [{", ".join(statement_texts[end - count : end])}]}}'
        for root_id, log_odds, shift, end, count in zip(
            voices["root_id"].tolist(),
            _json_numbers(voices["log_odds"]),
            _json_numbers(voices["shift"]),
            np.cumsum(counts)[voice_pair].tolist(),
            counts[voice_pair].tolist(),
            strict=True,
        )
    ]
    # Each claim's voices, the biggest shift (as shown, rounded) first, then by name, then as
    # they came.
    shift = _rounded(voices["shift"])
    rank = {name: k for k, name in enumerate(sorted(set(names.values())))}
    name_rank = np.array([rank[names[root_id]] for root_id in voices["root_id"].tolist()])
    order = np.lexsort((np.arange(len(shift)), name_rank, -np.abs(shift), voices["claim_id"]))
    voice_claims = voices["claim_id"][order]
    firsts = np.searchsorted(voice_claims, claims["claim_id"], side="left").tolist()
    lasts = np.searchsorted(voice_claims, claims["claim_id"], side="right").tolist()
    voice_texts = [voice_texts[k] for k in order]
    return [
        f'{{"probability": {probability}, "credibility": {credibility}, "basis": {basis}, '
        f'"status": {status}, "from_sources": {from_sources}, '
        f'"voices": [{", ".join(voice_texts[first:last])}]}}'
        for probability, credibility, basis, status, from_sources, first, last in zip(
            _json_numbers(claims["probability"]),
            claims["credibility"].tolist(),
            _json_strings(claims["basis"]),
            _json_strings(claims["status"]),
            _json_numbers(claims["from_sources"], missing="null"),
            firsts,
            lasts,
            strict=True,
        )
    ]


def _copy_rows(cursor, table: str, rows) -> None:
    """A temporary table, gone at commit, filled with COPY: much faster than passing arrays of
    hundreds of thousands of values as query parameters."""
    name = table.split(" ", 1)[0]
    cursor.execute(f"CREATE TEMPORARY TABLE {table} ON COMMIT DROP")
    with cursor.copy(f"COPY {name} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    # Statistics, or the planner guesses a few rows and joins by nested loops.
    cursor.execute(f"ANALYZE {name}")


def _evidence_days(*, until: datetime) -> list[date]:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT DISTINCT (t AT TIME ZONE 'UTC')::date AS day FROM (
                SELECT COALESCE(published_at, created_at) AS t FROM claims_citation
                UNION ALL SELECT COALESCE(evidence_published_at, created_at) FROM claims_review
                UNION ALL SELECT rated_at FROM sources_sourcerating
            ) evidence
            WHERE t <= %s
            ORDER BY day
            """,
            [until],
        )
        return [row[0] for row in cursor.fetchall()]
