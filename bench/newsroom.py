"""Predict hidden verdicts on a synthetic newsroom archive, built through the services a newsroom
uses, and compare the engine with the baselines a journalist would reach for.

    DATABASE_URL=postgres://... python bench/newsroom.py [--claims 400] [--seed 0] [--seeds 1]
    DATABASE_URL=postgres://... python bench/newsroom.py --smoke

Everything it writes is rolled back, so it can run against a development database.

The archive (generated from the seed and the size, then written with `source_create`,
`source_rating_create`, `claim_create` and `review_create`, never with bulk inserts)
------------------------------------------------------------------------------------
* Families: four affiliation trees (a government with its ministries and state media two levels
  deep; an armed group with its outlets; a foreign backer with its state broadcaster; an
  opposition coalition). Each family's mean reliability is drawn from a Beta of its own; its
  members scatter around it on the log-odds scale. Independent of them: monitoring NGOs, news
  agencies, local outlets and a long tail of social-media accounts that speak once or twice.
  A few sources carry a human grade (their reliability read by a desk, with an error).
* Claims: an originator asserts each claim, at a moment spread over 19 months (June 2024 to
  December 2025); the claim is true with the originator's reliability. Other sources react over
  the following days: each statement is right (asserts a true claim, denies a false one) with its
  speaker's reliability. Family members echo one another's statements whatever the truth
  (the copying that "one voice per affiliation root" is there for).
* Relays: a share of the statements of non-agencies reach the archive through a news agency
  (`via`); agencies also make statements of their own.
* Supersession: some true claims are overtaken later ("superseded" with `effective_at`); a
  statement made after that moment is right only when it denies the claim.
* Verdicts: most claims are decided (corroborated, contradicted or superseded), a few are
  "unresolved", the rest stay unverified. Every review is entered today with
  `evidence_published_at` after the statements it judges (a backfilled archive).

Evaluation
----------
The decided claims are split into five folds. For each fold, inside a transaction that is rolled
back, the reviews of the other four folds (and the unresolved ones) are created, the engine runs
(`reliability_recompute_all`) and each hidden claim is predicted: true = corroborated or
superseded, false = contradicted; unresolved and unverified claims are never scored. Predictions:

* ours: `Claim.credibility_probability` as the engine wrote it;
* always_true: the share of true among the revealed verdicts, for every claim;
* majority_of_voices: independent voices (affiliation roots) asserting a versus denying d,
  (a + 1) / (a + d + 2);
* own_record: each citing source's Laplace-smoothed accuracy on the revealed verdicts
  ((right + 1) / (decided + 2), a superseded claim judged by when the statement was made),
  combined as independent evidence: prior log-odds of the revealed base rate plus, per citing
  source, + or - the log-odds of its accuracy (naive Bayes).

A probability of exactly 0.5 is read as the revealed majority class. Log loss clips probabilities
to [0.001, 0.999] for every method alike (as bench/truth_discovery.py does). Printed per seed:
accuracy with a 95 % Wilson interval, log loss and calibration error of each method and of the
world's own Bayes rule (a ceiling, not a competitor), a paired comparison of ours with the best
baseline, where each method errs (superseded claims, one-voice claims, ...) and how far the
engine's source reliabilities are from the world's; then, pooled over all seeds, the machine
lines `name: accuracy` and `name_logloss: value`.

The world's parameters below were fixed before the first run and are not tuned to any method.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
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
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from truth_discovery import (  # noqa: E402
    expected_calibration_error,
    paired_comparison,
    wilson_interval,
)

from claims.models import Claim, Stance, Verdict  # noqa: E402
from claims.services import claim_create, review_create  # noqa: E402
from reliability.engine import reliability_recompute_all  # noqa: E402
from reliability.models import ReliabilityParameters, SourceReliability  # noqa: E402
from sources.models import Grade, SourceKind  # noqa: E402
from sources.services import source_create, source_rating_create  # noqa: E402

START = datetime(2024, 6, 1, tzinfo=UTC)
END = datetime(2025, 12, 31, tzinfo=UTC)
DAY = timedelta(days=1)
FOLDS = 5
PROBABILITY_FLOOR = 1e-3
METHODS = ("ours", "always_true", "majority_of_voices", "own_record")
BASELINES = METHODS[1:]
CEILING = "oracle"
"""Not a competitor: naive Bayes with the sources' true reliabilities and the echoes left out,
what the evidence could give at best (short of knowing when a claim was overtaken)."""
TRUE_VERDICTS = (Verdict.CORROBORATED, Verdict.SUPERSEDED)
DECISIVE = (*TRUE_VERDICTS, Verdict.CONTRADICTED)

# Families: (root and members as (name, kind, parent name or None, activity)), and the Beta
# from which the family's mean reliability is drawn.
FAMILIES = [
    (
        (3, 6),
        [
            ("Presidency of Aranor", SourceKind.GOVERNMENT, None, 0.6),
            ("Aranor Ministry of Defence", SourceKind.MILITARY, "Presidency of Aranor", 1.2),
            ("Aranor Interior Ministry", SourceKind.GOVERNMENT, "Presidency of Aranor", 0.6),
            ("Aranor Ministry of Information", SourceKind.GOVERNMENT, "Presidency of Aranor", 0.3),
            ("Aranor News Agency", SourceKind.STATE_MEDIA, "Aranor Ministry of Information", 1.2),
            ("Aranor State TV", SourceKind.STATE_MEDIA, "Aranor Ministry of Information", 0.8),
        ],
    ),
    (
        (4, 5),
        [
            ("Northern Liberation Front", SourceKind.ARMED_GROUP, None, 0.5),
            ("NLF Media Office", SourceKind.ARMED_GROUP, "Northern Liberation Front", 1.0),
            ("NLF spokesman", SourceKind.PERSON, "Northern Liberation Front", 0.6),
            ("NLF Telegram channel", SourceKind.SOCIAL_MEDIA, "Northern Liberation Front", 0.8),
        ],
    ),
    (
        (3, 6),
        [
            ("Vostrian Foreign Ministry", SourceKind.GOVERNMENT, None, 0.4),
            ("Vostrian Defence Ministry", SourceKind.MILITARY, "Vostrian Foreign Ministry", 0.5),
            ("Vostria Today", SourceKind.STATE_MEDIA, "Vostrian Foreign Ministry", 0.6),
        ],
    ),
    (
        (6, 4),
        [
            ("Aranor Opposition Coalition", SourceKind.OTHER, None, 0.4),
            ("Free Aranor Army", SourceKind.ARMED_GROUP, "Aranor Opposition Coalition", 0.8),
            ("Opposition Media Centre", SourceKind.OTHER, "Aranor Opposition Coalition", 0.6),
        ],
    ),
]
FAMILY_SPREAD = 0.35
"""Standard deviation of a member's reliability around its family's mean, in log-odds."""

# Independent sources: (name pattern, kind, how many, Beta of reliability, activity each).
INDEPENDENTS = [
    ("Monitor {}", SourceKind.MONITORING_NGO, 4, (17, 3), 1.5),
    ("Wire agency {}", SourceKind.NEWS_AGENCY, 3, (18, 2), 0.4),
    ("Local outlet {}", SourceKind.NEWSPAPER, 6, (4, 2), 0.7),
]
ACCOUNTS_PER_CLAIM = 1 / 20
"""Long tail: one social-media account per twenty claims (at least three), each rarely heard."""
ACCOUNT_RELIABILITY = (3, 2)
ACCOUNT_ACTIVITY = 0.15
HUMAN_GRADED = 5
GRADER_ERROR = 0.08
"""A desk's grade reads the true reliability with this much error before it is put in a band."""
GRADE_BANDS = [(0.9, Grade.A), (0.75, Grade.B), (0.6, Grade.C), (0.4, Grade.D)]

REACTIONS = 1.6
"""Mean number of other sources reacting to a claim (Poisson)."""
REACTION_DELAY_DAYS = 6.0
ECHO_CHANCE = 0.4
"""Chance that a family member's statement is echoed by one or two relatives."""
RELAYED = 0.3
"""Share of non-agency statements that reach the archive through an agency."""
SUPERSEDED = 0.15
"""Share of true claims that are later overtaken, between 2 and 40 days after they were made."""
DECIDED = 0.70
UNRESOLVED = 0.06


# ---------------------------------------------------------------------------------------------
# The archive, planned in memory
# ---------------------------------------------------------------------------------------------


@dataclass
class PlannedSource:
    name: str
    kind: str
    parent: int | None
    root: int
    reliability: float
    activity: float
    family: str = ""
    grade: str = ""


@dataclass
class Statement:
    source: int
    asserts: bool
    at: datetime
    via: int | None = None
    echo: bool = False
    """Repeats a relative's statement rather than judging the claim."""


@dataclass
class PlannedClaim:
    text: str
    true: bool
    made_at: datetime
    superseded_at: datetime | None
    statements: list[Statement] = field(default_factory=list)
    verdict: str = ""
    evidence_at: datetime | None = None

    def true_at(self, moment: datetime) -> bool:
        return self.true and (self.superseded_at is None or moment < self.superseded_at)


@dataclass
class Archive:
    sources: list[PlannedSource]
    claims: list[PlannedClaim]


def _logit(p):
    return np.log(p) - np.log1p(-p)


def _expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def plan_archive(n_claims: int, *, seed: int, today: datetime) -> Archive:
    rng = np.random.default_rng(seed)
    sources = _plan_sources(rng, n_claims)
    activity = np.array([s.activity for s in sources])
    agencies = [k for k, s in enumerate(sources) if s.kind == SourceKind.NEWS_AGENCY]
    relatives = {
        k: [j for j, t in enumerate(sources) if t.family and t.family == s.family and j != k]
        for k, s in enumerate(sources)
    }
    claims = [
        _plan_claim(
            rng,
            c,
            seed=seed,
            today=today,
            sources=sources,
            activity=activity,
            agencies=agencies,
            relatives=relatives,
        )
        for c in range(n_claims)
    ]
    return Archive(sources=sources, claims=claims)


def _plan_sources(rng, n_claims: int) -> list[PlannedSource]:
    sources: list[PlannedSource] = []
    for (a, b), members in FAMILIES:
        family_mean = rng.beta(a, b)
        index = {}
        for name, kind, parent, activity in members:
            parent_index = index.get(parent)
            reliability = float(_expit(_logit(family_mean) + rng.normal(0.0, FAMILY_SPREAD)))
            index[name] = len(sources)
            sources.append(
                PlannedSource(
                    name=name,
                    kind=kind,
                    parent=parent_index,
                    root=index[members[0][0]],
                    reliability=reliability,
                    activity=activity,
                    family=members[0][0],
                )
            )
    accounts = max(3, round(n_claims * ACCOUNTS_PER_CLAIM))
    tail = (
        "Account @witness{}",
        SourceKind.SOCIAL_MEDIA,
        accounts,
        ACCOUNT_RELIABILITY,
        ACCOUNT_ACTIVITY,
    )
    for pattern, kind, count, (a, b), activity in [*INDEPENDENTS, tail]:
        for k in range(count):
            sources.append(
                PlannedSource(
                    name=pattern.format(k + 1),
                    kind=kind,
                    parent=None,
                    root=len(sources),
                    reliability=float(rng.beta(a, b)),
                    activity=activity,
                )
            )
    # A desk grades organisations, not the long tail of one-off accounts.
    graded = rng.choice(
        [k for k, s in enumerate(sources) if s.kind != SourceKind.SOCIAL_MEDIA or s.family],
        size=HUMAN_GRADED,
        replace=False,
    )
    for k in graded:
        seen = sources[k].reliability + rng.normal(0.0, GRADER_ERROR)
        sources[k].grade = next((g for low, g in GRADE_BANDS if seen >= low), Grade.E)
    return sources


def _plan_claim(rng, c, *, seed, today, sources, activity, agencies, relatives) -> PlannedClaim:
    made_at = START + timedelta(seconds=float(rng.uniform(0, (END - START).total_seconds())))
    # The originator asserts the claim, and the claim is true with the originator's reliability:
    # its statement is right with that probability, like every other statement.
    originator = int(rng.choice(len(sources), p=activity / activity.sum()))
    true = bool(rng.random() < sources[originator].reliability)
    superseded_at = (
        made_at + DAY * float(rng.uniform(2, 40)) if true and rng.random() < SUPERSEDED else None
    )
    claim = PlannedClaim(
        text=f"Newsroom claim {c + 1} (seed {seed})",
        true=true,
        made_at=made_at,
        superseded_at=superseded_at,
    )
    speaking = {originator}
    statements = [Statement(originator, True, made_at)]
    others = activity.copy()
    others[originator] = 0.0
    reactions = min(int(rng.poisson(REACTIONS)), int(np.count_nonzero(others)))
    for k in rng.choice(len(sources), size=reactions, replace=False, p=others / others.sum()):
        at = made_at + DAY * float(rng.exponential(REACTION_DELAY_DAYS))
        right = rng.random() < sources[k].reliability
        statements.append(Statement(int(k), claim.true_at(at) == right, at))
        speaking.add(int(k))
    for statement in list(statements):
        free = [j for j in relatives[statement.source] if j not in speaking]
        if free and rng.random() < ECHO_CHANCE:
            for j in rng.choice(free, size=min(len(free), int(rng.integers(1, 3))), replace=False):
                at = statement.at + DAY * float(rng.exponential(1.0))
                statements.append(Statement(int(j), statement.asserts, at, echo=True))
                speaking.add(int(j))
    for statement in statements:
        if sources[statement.source].kind != SourceKind.NEWS_AGENCY and rng.random() < RELAYED:
            statement.via = int(rng.choice(agencies))
    claim.statements = statements

    roll = rng.random()
    if roll < DECIDED:
        claim.verdict = (
            Verdict.SUPERSEDED
            if superseded_at
            else Verdict.CORROBORATED
            if true
            else Verdict.CONTRADICTED
        )
    elif roll < DECIDED + UNRESOLVED:
        claim.verdict = Verdict.UNRESOLVED
    if claim.verdict:
        known = max([s.at for s in statements] + [superseded_at or made_at])
        claim.evidence_at = min(known + DAY * float(rng.uniform(1, 60)), today - DAY)
    return claim


# ---------------------------------------------------------------------------------------------
# Writing it through the services
# ---------------------------------------------------------------------------------------------


def write_archive(archive: Archive, *, seed: int, journalist, reviewer) -> tuple[list, list]:
    sources = []
    for planned in archive.sources:
        sources.append(
            source_create(
                name=f"{planned.name} [seed {seed}]",
                kind=planned.kind,
                parent=sources[planned.parent] if planned.parent is not None else None,
            )
        )
    for planned, source in zip(archive.sources, sources, strict=True):
        if planned.grade:
            source_rating_create(
                source=source,
                grade=planned.grade,
                rationale="Desk assessment.",
                rated_by=reviewer,
                rated_at=START,
            )
    claims = []
    for c, planned in enumerate(archive.claims):
        claims.append(
            claim_create(
                text=planned.text,
                created_by=journalist,
                citations=[
                    {
                        "source": sources[s.source],
                        "stance": Stance.ASSERTS if s.asserts else Stance.DENIES,
                        "url": f"https://archive.example/{seed}/{c}/{k}",
                        "published_at": s.at,
                        "via": sources[s.via] if s.via is not None else None,
                    }
                    for k, s in enumerate(planned.statements)
                ],
            )
        )
    return sources, claims


def review(claim, planned: PlannedClaim, reviewer):
    review_create(
        claim=claim,
        verdict=planned.verdict,
        evidence_note="Checked against independent reporting.",
        reviewer=reviewer,
        effective_at=planned.superseded_at,
        evidence_published_at=planned.evidence_at,
    )


# ---------------------------------------------------------------------------------------------
# Baselines
# ---------------------------------------------------------------------------------------------


def majority_of_voices(archive: Archive, hidden: list[int]) -> np.ndarray:
    result = []
    for c in hidden:
        statements = archive.claims[c].statements
        asserting = {archive.sources[s.source].root for s in statements if s.asserts}
        denying = {archive.sources[s.source].root for s in statements if not s.asserts}
        result.append((len(asserting) + 1) / (len(asserting) + len(denying) + 2))
    return np.array(result)


def own_record(
    archive: Archive, revealed: list[int], hidden: list[int], base_rate: float
) -> np.ndarray:
    right, decided = Counter(), Counter()
    for c in revealed:
        claim = archive.claims[c]
        for s in claim.statements:
            decided[s.source] += 1
            right[s.source] += s.asserts == claim.true_at(s.at)
    log_odds = []
    for c in hidden:
        total = _logit(base_rate)
        for s in archive.claims[c].statements:
            accuracy = (right[s.source] + 1) / (decided[s.source] + 2)
            total += _logit(accuracy) if s.asserts else -_logit(accuracy)
        log_odds.append(total)
    return _expit(np.array(log_odds))


def oracle(archive: Archive, hidden: list[int]) -> np.ndarray:
    log_odds = []
    for c in hidden:
        total = 0.0
        for s in archive.claims[c].statements:
            if not s.echo:
                reliability = archive.sources[s.source].reliability
                total += _logit(reliability) if s.asserts else -_logit(reliability)
        log_odds.append(total)
    return _expit(np.array(log_odds))


# ---------------------------------------------------------------------------------------------
# One seed
# ---------------------------------------------------------------------------------------------


class Rollback(Exception):
    pass


@dataclass
class Predictions:
    probability: dict[str, list[float]] = field(
        default_factory=lambda: {m: [] for m in (*METHODS, CEILING)}
    )
    truth: list[bool] = field(default_factory=list)
    tie_to_true: list[bool] = field(default_factory=list)
    """What a probability of exactly 0.5 is read as: the revealed majority class of the fold."""
    claims: list[int] = field(default_factory=list)

    def extend(self, other: Predictions) -> None:
        for method in self.probability:
            self.probability[method] += other.probability[method]
        self.truth += other.truth
        self.tie_to_true += other.tie_to_true
        self.claims += other.claims

    def correct(self, method: str) -> np.ndarray:
        p = np.array(self.probability[method])
        predicted = (p > 0.5) | ((p == 0.5) & np.array(self.tie_to_true, dtype=bool))
        return predicted == np.array(self.truth, dtype=bool)

    def log_loss(self, method: str, subset=slice(None)) -> float:
        p = np.clip(np.array(self.probability[method]), PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR)[
            subset
        ]
        y = np.array(self.truth, dtype=bool)[subset]
        return float(-np.mean(np.where(y, np.log(p), np.log1p(-p))))


def run_seed(n_claims: int, *, seed: int, journalist, reviewer) -> tuple[Predictions, Archive]:
    today = timezone.now()
    archive = plan_archive(n_claims, seed=seed, today=today)
    started = time.perf_counter()
    sources, claims = write_archive(archive, seed=seed, journalist=journalist, reviewer=reviewer)
    built = time.perf_counter() - started

    decided = [c for c, claim in enumerate(archive.claims) if claim.verdict in DECISIVE]
    unresolved = [
        c for c, claim in enumerate(archive.claims) if claim.verdict == Verdict.UNRESOLVED
    ]
    folds = np.array_split(np.random.default_rng(seed).permutation(decided), FOLDS)
    statements = [s for claim in archive.claims for s in claim.statements]
    families = sum(1 for s in archive.sources if s.family)
    print(
        f"seed {seed}: {len(archive.sources)} sources ({len(FAMILIES)} families, {families} family"
        f" members, {sum(1 for s in archive.sources if s.grade)} graded), {n_claims} claims,"
        f" {len(statements)} citations ({_share(s.via is not None for s in statements)} relayed,"
        f" {_share(not s.asserts for s in statements)} denials), {len(decided)} decided"
        f" ({sum(archive.claims[c].verdict == Verdict.SUPERSEDED for c in decided)} superseded),"
        f" {len(unresolved)} unresolved; written through the services in {built:.1f} s"
    )

    predictions = Predictions()
    estimated = []
    for number, fold in enumerate(folds, start=1):
        hidden = sorted(int(c) for c in fold)
        revealed = sorted(set(decided) - set(hidden))
        started = time.perf_counter()
        try:
            with transaction.atomic():
                for c in revealed + unresolved:
                    review(claims[c], archive.claims[c], reviewer)
                reliability_recompute_all()
                ours = dict(
                    Claim.objects.filter(pk__in=[claims[c].pk for c in hidden]).values_list(
                        "pk", "credibility_probability"
                    )
                )
                means = dict(
                    SourceReliability.objects.filter(source__in=sources).values_list(
                        "source_id", "mean"
                    )
                )
                estimated.append([means[source.pk] for source in sources])
                half_life = ReliabilityParameters.objects.get().half_life_days
                raise Rollback
        except Rollback:
            pass
        seconds = time.perf_counter() - started
        base_rate = float(np.mean([archive.claims[c].true for c in revealed]))
        fold_predictions = Predictions(
            truth=[archive.claims[c].true for c in hidden],
            tie_to_true=[base_rate >= 0.5] * len(hidden),
            claims=hidden,
        )
        fold_predictions.probability["ours"] = [ours[claims[c].pk] for c in hidden]
        fold_predictions.probability["always_true"] = [base_rate] * len(hidden)
        fold_predictions.probability["majority_of_voices"] = majority_of_voices(
            archive, hidden
        ).tolist()
        fold_predictions.probability["own_record"] = own_record(
            archive, revealed, hidden, base_rate
        ).tolist()
        fold_predictions.probability[CEILING] = oracle(archive, hidden).tolist()
        predictions.extend(fold_predictions)
        print(
            f"  fold {number}: {len(revealed)} verdicts revealed, {len(hidden)} hidden;"
            f" reviews and recompute {seconds:.1f} s; half-life "
            + ("none" if half_life is None else f"{half_life:g} days")
        )
    report_source_error(archive, np.mean(estimated, axis=0))
    return predictions, archive


def _share(flags) -> str:
    flags = list(flags)
    return f"{100 * sum(flags) / max(len(flags), 1):.0f} %"


# ---------------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------------


def report(predictions: Predictions, *, seed: int) -> dict:
    n = len(predictions.truth)
    header = f"{'accuracy':>8}  {'95 % interval':<16} {'n':>5}  {'log loss':>8}  {'ECE':>5}"
    print(f"  {'method':<20} {header}")
    figures = {}
    for method in (*METHODS, CEILING):
        correct = predictions.correct(method)
        low, high = wilson_interval(int(correct.sum()), n)
        p = np.array(predictions.probability[method])
        calibration = expected_calibration_error(np.maximum(p, 1 - p), correct)
        figures[method] = (
            float(correct.mean()) if n else float("nan"),
            predictions.log_loss(method),
        )
        name = f"({method}, ceiling)" if method == CEILING else method
        print(
            f"  {name:<20} {figures[method][0]:8.3f}  [{low:.3f}, {high:.3f}]   {n:5d}"
            f"  {figures[method][1]:8.3f}  {calibration:5.3f}"
        )
    best = max(BASELINES, key=lambda m: (figures[m][0], -figures[m][1]))
    ours_only, other_only, p_value, low, high = paired_comparison(
        predictions.correct("ours"), predictions.correct(best), seed=seed
    )
    print(
        f"  ours vs {best} (best baseline): ours alone right {ours_only}, {best} alone right"
        f" {other_only}, McNemar p = {p_value:.3f},"
        f" accuracy difference 95 % [{low:+.3f}, {high:+.3f}]"
    )
    beats_accuracy = all(figures["ours"][0] > figures[m][0] for m in BASELINES)
    beats_log_loss = all(figures["ours"][1] < figures[m][1] for m in BASELINES)
    print(
        f"  ours beats every baseline: accuracy {'yes' if beats_accuracy else 'NO'},"
        f" log loss {'yes' if beats_log_loss else 'NO'}"
    )
    return figures


def report_source_error(archive: Archive, estimated: np.ndarray) -> None:
    """How far the engine's source reliabilities (mean over the folds) are from the world's, per
    kind of source that made statements: a bias toward the population prior shows as a signed
    error of the opposite sign to how far the group is from it."""
    speaking = {s.source for claim in archive.claims for s in claim.statements}
    groups = {
        "family members": lambda s: bool(s.family),
        "independents": lambda s: not s.family and s.kind != SourceKind.SOCIAL_MEDIA,
        "long-tail accounts": lambda s: not s.family and s.kind == SourceKind.SOCIAL_MEDIA,
    }
    print("  source reliability, ours (mean over the folds) against the world's:")
    for name, belongs in groups.items():
        members = [k for k, s in enumerate(archive.sources) if k in speaking and belongs(s)]
        if not members:
            continue
        truth = np.array([archive.sources[k].reliability for k in members])
        error = estimated[members] - truth
        print(
            f"    {name:<18} n={len(members):4d}  true mean {truth.mean():.2f}"
            f"  bias {error.mean():+.3f}  mean absolute error {np.abs(error).mean():.3f}"
        )


def report_breakdown(predictions: Predictions, archive: Archive) -> None:
    """Accuracy per kind of hidden claim, to see where each method errs."""
    claims = [archive.claims[c] for c in predictions.claims]
    roots = [{archive.sources[s.source].root for s in claim.statements} for claim in claims]
    subsets = {
        "superseded": [claim.superseded_at is not None for claim in claims],
        "one voice": [len(r) == 1 for r in roots],
        "several voices": [len(r) > 1 for r in roots],
        "with a denial": [any(not s.asserts for s in claim.statements) for claim in claims],
        "family originator": [
            bool(archive.sources[claim.statements[0].source].family) for claim in claims
        ],
        "originator graded": [
            bool(archive.sources[claim.statements[0].source].grade) for claim in claims
        ],
    }
    print("  accuracy by kind of hidden claim: " + "  ".join(f"{m}" for m in (*METHODS, CEILING)))
    for name, members in subsets.items():
        members = np.array(members, dtype=bool)
        if not members.any():
            continue
        cells = "  ".join(
            f"{predictions.correct(m)[members].mean():.2f}" for m in (*METHODS, CEILING)
        )
        print(f"    {name:<18} n={int(members.sum()):4d}  {cells}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--claims", type=int, default=400, help="claims in each archive (default 400)"
    )
    parser.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    parser.add_argument(
        "--seeds", type=int, default=1, help="how many seeds from --seed (default 1)"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="a tiny archive for CI: 40 claims, one seed"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.claims, args.seeds = 40, 1
    if args.claims < 4 * FOLDS or args.seeds < 1:
        parser.error(f"--claims must be at least {4 * FOLDS} and --seeds at least 1")

    require_migrated_database()
    pooled = Predictions()
    started = time.perf_counter()
    try:
        with transaction.atomic():
            users = get_user_model().objects
            journalist = users.create_user(username="newsroom-bench-journalist")
            reviewer = users.create_user(username="newsroom-bench-reviewer")
            for seed in range(args.seed, args.seed + args.seeds):
                predictions, archive = run_seed(
                    args.claims, seed=seed, journalist=journalist, reviewer=reviewer
                )
                report(predictions, seed=seed)
                report_breakdown(predictions, archive)
                pooled.extend(predictions)
            raise Rollback
    except Rollback:
        pass
    if args.seeds > 1:
        print(f"all {args.seeds} seeds pooled:")
        figures = report(pooled, seed=args.seed)
    else:
        figures = {m: (float(pooled.correct(m).mean()), pooled.log_loss(m)) for m in METHODS}
    print(f"total {time.perf_counter() - started:.1f} s")
    for method in METHODS:
        print(f"{method}: {figures[method][0]:.4f}")
        print(f"{method}_logloss: {figures[method][1]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
