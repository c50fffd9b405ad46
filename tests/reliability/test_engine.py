"""The reliability engine against the database: counting rules, intervals, point-in-time answers,
incremental updates, the command, the admin pieces and the demo story."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command

from claims.models import Claim, Credibility, Stance, Verdict
from claims.services import review_create
from reliability import engine
from reliability.admin import (
    ClaimCredibilityAdminMixin,
    SourceReliabilityAdminMixin,
    reliability_chart_svg,
)
from reliability.engine import (
    _citations,
    _rounded,
    _store_parameters,
    _stored_parameters,
    reliability_claim_as_of,
    reliability_history_rebuild,
    reliability_recompute_all,
    reliability_source_as_of,
    reliability_update_for_claims,
    reliability_update_for_sources,
)
from reliability.models import ReliabilityParameters, SourceReliability, SourceReliabilitySnapshot
from reliability.truth_discovery import LearnedParameters
from sources.models import Grade, Source
from tests.factories import CitationFactory, ClaimFactory, SourceFactory, SourceRatingFactory

pytestmark = pytest.mark.django_db
ClaimEvent = apps.get_model("claims", "ClaimEvent")

EARLY = datetime(2024, 12, 1, tzinfo=UTC)
DEC_7 = datetime(2024, 12, 7, 12, 0, tzinfo=UTC)
DEC_8 = datetime(2024, 12, 8, 6, 0, tzinfo=UTC)
NOW = datetime(2025, 1, 10, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def plain_counting(settings):
    """Counting-rule tests read whole statements: no decay, no copy detection, unless a test
    turns them on."""
    settings.RELIABILITY_HALF_LIFE_DAYS = 0
    settings.RELIABILITY_DETECT_COPYING = False
    settings.RELIABILITY_VIA_WEIGHT = 0.1


def cite(claim, source, stance=Stance.ASSERTS, **fields):
    fields.setdefault("published_at", DEC_7)
    return CitationFactory(claim=claim, source=source, stance=stance, **fields)


def decide(claim, verdict, reviewer, **fields):
    return review_create(
        claim=claim,
        verdict=verdict,
        evidence_note="Checked against independent reporting.",
        reviewer=reviewer,
        **fields,
    )


def reliability(source) -> SourceReliability:
    return SourceReliability.objects.get(source=source)


@pytest.mark.parametrize(
    "stance, verdict, counts",
    [
        (Stance.ASSERTS, Verdict.CORROBORATED, "for"),
        (Stance.DENIES, Verdict.CONTRADICTED, "for"),
        (Stance.ASSERTS, Verdict.CONTRADICTED, "against"),
        (Stance.DENIES, Verdict.CORROBORATED, "against"),
    ],
)
def test_decided_claim_counts_for_or_against_the_source_by_stance_and_verdict(
    reviewer, stance, verdict, counts
):
    source = SourceFactory()
    claim = ClaimFactory()
    cite(claim, source, stance)
    decide(claim, verdict, reviewer)

    reliability_recompute_all(now=NOW)

    record = reliability(source)
    assert record.decided_claims == 1
    assert (record.decided_for, record.decided_against) == (
        (1.0, 0.0) if counts == "for" else (0.0, 1.0)
    )
    prior_mean = record.prior_alpha / (record.prior_alpha + record.prior_beta)
    assert (record.mean > prior_mean) == (counts == "for")


def test_superseded_claim_counts_for_assertions_before_it_stopped_being_true_and_against_after(
    reviewer,
):
    before, after, denier_after = SourceFactory(), SourceFactory(), SourceFactory()
    claim = ClaimFactory(text="Assad remains in Damascus")
    cite(claim, before, published_at=DEC_7)
    cite(claim, after, published_at=DEC_8 + timedelta(days=1))
    cite(claim, denier_after, Stance.DENIES, published_at=DEC_8 + timedelta(days=1))
    decide(claim, Verdict.SUPERSEDED, reviewer, effective_at=DEC_8)

    reliability_recompute_all(now=NOW)

    assert (reliability(before).decided_for, reliability(before).decided_against) == (1.0, 0.0)
    assert (reliability(after).decided_for, reliability(after).decided_against) == (0.0, 1.0)
    assert (reliability(denier_after).decided_for, reliability(denier_after).decided_against) == (
        1.0,
        0.0,
    )
    assert Claim.objects.get(pk=claim.pk).credibility == Credibility.CONFIRMED


def test_superseded_claim_citation_without_publication_time_counts_neither_way(reviewer):
    undated = SourceFactory()
    claim = ClaimFactory()
    cite(claim, undated, published_at=None)
    decide(claim, Verdict.SUPERSEDED, reviewer, effective_at=DEC_8)

    reliability_recompute_all(now=NOW)

    record = reliability(undated)
    assert (record.decided_for, record.decided_against, record.statements) == (0.0, 0.0, 0.0)


def test_relaying_outlet_carries_only_the_configured_share_of_the_blame(settings, reviewer):
    settings.RELIABILITY_VIA_WEIGHT = 0.25
    agency, quoted = SourceFactory(name="Agency"), SourceFactory(name="Anonymous officials")
    claim = ClaimFactory()
    cite(claim, quoted, via=agency)
    decide(claim, Verdict.CONTRADICTED, reviewer)

    reliability_recompute_all(now=NOW)

    assert reliability(quoted).decided_against == 1.0
    assert reliability(agency).decided_against == pytest.approx(0.25)
    assert reliability(agency).decided_claims == 0
    assert reliability(agency).mean > reliability(quoted).mean


@pytest.mark.parametrize("relay_grade", [Grade.A, Grade.E])
def test_relaying_outlet_never_votes_on_whether_a_claim_is_true(settings, relay_grade):
    settings.RELIABILITY_VIA_WEIGHT = 1.0
    relay = SourceFactory()
    SourceRatingFactory(source=relay, grade=relay_grade)
    speaker = SourceFactory()
    SourceRatingFactory(source=speaker, grade=Grade.C)
    claim = ClaimFactory()
    cite(claim, speaker, via=relay)

    reliability_recompute_all(now=NOW)

    # What the speaker's own C grade says, however trusted or distrusted the relay.
    assert Claim.objects.get(pk=claim.pk).credibility_probability == pytest.approx(0.7)


def affiliated_world(*, affiliated: bool):
    # Both worlds live in one database, and a name belongs to one source.
    world = "" if affiliated else " (independent world)"
    government = SourceFactory(name=f"Government{world}")
    outlets = [
        SourceFactory(name=f"State outlet {k}{world}", parent=government if affiliated else None)
        for k in range(2)
    ]
    monitor = SourceFactory(name=f"Monitor{world}")
    claim = ClaimFactory()
    for outlet in outlets:
        cite(claim, outlet)
    cite(claim, monitor, Stance.DENIES)
    reliability_recompute_all(now=NOW)
    return Claim.objects.get(pk=claim.pk)


def test_sources_sharing_a_root_affiliation_count_as_one_voice():
    independent = affiliated_world(affiliated=False)
    Claim.objects.all().delete()
    one_voice = affiliated_world(affiliated=True)

    assert independent.credibility_probability > 0.6
    assert one_voice.credibility_probability < independent.credibility_probability - 0.1
    voices = one_voice.credibility_explanation["voices"]
    government = next(voice for voice in voices if voice["voice"] == "Government")
    assert [s["share"] for s in government["statements"]] == [0.5, 0.5]


def test_credible_interval_narrows_as_decided_claims_accumulate(reviewer):
    widths = []
    for n_claims in (1, 5, 25):
        source = SourceFactory()
        for _ in range(n_claims):
            claim = ClaimFactory()
            cite(claim, source)
            decide(claim, Verdict.CORROBORATED, reviewer)
        reliability_update_for_sources(source_ids=[source.pk], now=NOW)
        record = reliability(source)
        widths.append(record.upper - record.lower)

    assert widths[0] > widths[1] > widths[2]


def test_letter_is_f_until_the_record_is_narrow_enough_to_judge(reviewer):
    source = SourceFactory()
    reliability_recompute_all(now=NOW)
    assert reliability(source).letter == Grade.F

    for _ in range(20):
        claim = ClaimFactory()
        cite(claim, source)
        decide(claim, Verdict.CORROBORATED, reviewer)
    reliability_recompute_all(now=NOW)

    assert reliability(source).letter == Grade.A
    assert reliability(source).decided_claims == 20


def test_human_grade_is_the_prior_and_ungraded_sources_start_from_the_population():
    graded, ungraded = SourceFactory(), SourceFactory()
    SourceRatingFactory(source=graded, grade=Grade.A)

    reliability_recompute_all(now=NOW)

    assert reliability(graded).mean == pytest.approx(0.95)
    assert reliability(graded).human_grade == Grade.A
    population = ReliabilityParameters.objects.get()
    population_mean = population.population_alpha / (
        population.population_alpha + population.population_beta
    )
    assert reliability(ungraded).mean == pytest.approx(population_mean)
    assert reliability(ungraded).human_grade == ""


def test_record_that_contradicts_the_human_grade_is_flagged(reviewer):
    borne_out, refuted = SourceFactory(), SourceFactory()
    SourceRatingFactory(source=borne_out, grade=Grade.A)
    SourceRatingFactory(source=refuted, grade=Grade.A)
    for _ in range(15):
        claim = ClaimFactory()
        cite(claim, borne_out, Stance.DENIES)
        cite(claim, refuted)
        decide(claim, Verdict.CONTRADICTED, reviewer)

    reliability_recompute_all(now=NOW)

    assert reliability(refuted).disagrees_with_grade
    assert not reliability(borne_out).disagrees_with_grade
    assert reliability(refuted).letter in {Grade.D, Grade.E}


def test_old_evidence_weighs_less_with_a_half_life(settings, reviewer):
    settings.RELIABILITY_HALF_LIFE_DAYS = 30
    changed_hands = SourceFactory()
    for k in range(10):
        claim = ClaimFactory()
        cite(claim, changed_hands, published_at=NOW - timedelta(days=400 + k))
        decide(claim, Verdict.CONTRADICTED, reviewer)
    for k in range(10):
        claim = ClaimFactory()
        cite(claim, changed_hands, published_at=NOW - timedelta(days=k))
        decide(claim, Verdict.CORROBORATED, reviewer)

    reliability_recompute_all(now=NOW)

    assert reliability(changed_hands).mean > 0.8
    assert reliability(changed_hands).decided_against < 0.01


def test_a_half_life_learned_from_sources_that_turned_follows_them(settings, reviewer):
    settings.RELIABILITY_HALF_LIFE_DAYS = None
    changed_hands = [SourceFactory() for _ in range(4)]
    for source in changed_hands:
        for days_ago, verdict in [(700, Verdict.CONTRADICTED), (10, Verdict.CORROBORATED)]:
            for k in range(8):
                claim = ClaimFactory()
                cite(claim, source, published_at=NOW - timedelta(days=days_ago + 3 * k))
                decide(claim, verdict, reviewer)

    reliability_recompute_all(now=NOW)

    assert ReliabilityParameters.objects.get().half_life_days <= 120
    assert all(reliability(source).mean > 0.8 for source in changed_hands)


def test_a_half_life_learned_from_a_steady_record_keeps_all_of_it(settings, reviewer):
    settings.RELIABILITY_HALF_LIFE_DAYS = None
    # Four sources with records of their own, each spread over two years: which of its twelve
    # statements each got right.
    records = [{0, 4, 8}, {0, 2, 4, 6, 8, 10}, set(range(12)) - {1, 5, 9}, set(range(12))]
    steady = [SourceFactory() for _ in records]
    for source, right in zip(steady, records, strict=True):
        for k in range(12):
            claim = ClaimFactory()
            cite(claim, source, published_at=NOW - timedelta(days=60 * k + 5))
            decide(claim, Verdict.CORROBORATED if k in right else Verdict.CONTRADICTED, reviewer)

    reliability_recompute_all(now=NOW)

    assert ReliabilityParameters.objects.get().half_life_days is None  # no decay
    assert [reliability(source).decided_for for source in steady] == pytest.approx([3, 6, 9, 12])


def test_updates_after_a_review_discount_with_the_half_life_the_full_recompute_learned(
    settings, reviewer
):
    settings.RELIABILITY_HALF_LIFE_DAYS = None
    source = SourceFactory()
    old = ClaimFactory()
    cite(old, source, published_at=NOW - timedelta(days=60))
    decide(old, Verdict.CORROBORATED, reviewer)
    reliability_recompute_all(now=NOW)
    ReliabilityParameters.objects.update(half_life_days=30.0)  # as if learned from more
    new = ClaimFactory()
    cite(new, source, published_at=NOW)
    decide(new, Verdict.CONTRADICTED, reviewer)

    reliability_update_for_claims(claim_ids=[new.pk], now=NOW)

    assert reliability(source).decided_for == pytest.approx(0.25)  # two half-lives old
    assert reliability(source).decided_against == pytest.approx(1.0)


def test_point_in_time_answer_ignores_later_reviews_and_citations(reviewer):
    sohr = SourceFactory(name="SOHR")
    claim = ClaimFactory()
    cite(claim, sohr, published_at=DEC_7)
    cite(ClaimFactory(), sohr, Stance.DENIES, published_at=DEC_8 + timedelta(days=3))
    reviewed_at = decide(claim, Verdict.CORROBORATED, reviewer).created_at

    on_dec_8 = reliability_source_as_of(source=sohr, as_of=DEC_8)
    after_review = reliability_source_as_of(source=sohr, as_of=reviewed_at + timedelta(seconds=1))

    assert (on_dec_8.decided_claims, on_dec_8.statements) == (0, pytest.approx(1.0))
    assert (after_review.decided_claims, after_review.statements) == (1, pytest.approx(2.0))
    claim_then = reliability_claim_as_of(claim=claim, as_of=DEC_8)
    assert claim_then.basis == "sources"
    assert claim_then.probability == pytest.approx(on_dec_8.mean)
    claim_now = reliability_claim_as_of(claim=claim, as_of=reviewed_at + timedelta(seconds=1))
    assert (claim_now.basis, claim_now.credibility) == ("review", Credibility.CONFIRMED)


def two_stories(reviewer):
    """Two stories that share no source: Syria (claims 0-3) and an election (claims 4-5)."""
    sana, tv, sohr, rami = (SourceFactory(name=n) for n in ["SANA", "State TV", "SOHR", "Rami"])
    ledger = SourceFactory(name="Ledger")
    syria = [ClaimFactory() for _ in range(4)]
    cite(syria[0], sana, via=ledger)
    cite(syria[0], tv, via=ledger)
    cite(syria[0], sohr, Stance.DENIES)
    cite(syria[1], sohr, via=ledger)
    cite(syria[1], rami)
    cite(syria[2], sana, Stance.DENIES)
    cite(syria[3], tv)
    cite(syria[3], rami, Stance.DENIES, published_at=None)
    pollster, paper = SourceFactory(name="Pollster"), SourceFactory(name="Paper")
    election = [ClaimFactory() for _ in range(2)]
    cite(election[0], pollster)
    cite(election[0], paper)
    cite(election[1], paper, Stance.DENIES)
    decide(election[1], Verdict.CORROBORATED, reviewer)
    return syria, election, [sana, tv, sohr, rami, ledger], [pollster, paper]


def assert_same_numbers(full, incremental):
    """Equal up to floating-point noise: the same model on the same evidence with the same
    hyperparameters, summed in another order."""
    for full_rows, incremental_rows in zip(full, incremental, strict=True):
        assert len(full_rows) == len(incremental_rows)
        for full_row, incremental_row in zip(full_rows, incremental_rows, strict=True):
            assert full_row == pytest.approx(incremental_row, rel=1e-6, abs=1e-9)


def stored_numbers():
    sources = list(
        SourceReliability.objects.order_by("source_id").values_list(
            "source_id",
            "alpha",
            "beta",
            "mean",
            "lower",
            "upper",
            "letter",
            "disagrees_with_grade",
            "decided_claims",
            "decided_for",
            "decided_against",
            "statements",
        )
    )
    claims = list(
        Claim.objects.order_by("id").values_list(
            "id", "credibility", "credibility_probability", "credibility_explanation"
        )
    )
    return sources, claims


@pytest.mark.parametrize("detect_copying", [False, True])
def test_incremental_update_after_a_review_equals_a_full_recompute(
    settings, reviewer, detect_copying
):
    settings.RELIABILITY_DETECT_COPYING = detect_copying
    settings.RELIABILITY_HALF_LIFE_DAYS = 90
    syria, _, _, _ = two_stories(reviewer)
    reliability_recompute_all(now=NOW)

    decide(syria[0], Verdict.CONTRADICTED, reviewer)
    decide(syria[1], Verdict.SUPERSEDED, reviewer, effective_at=DEC_8)
    update = reliability_update_for_claims(claim_ids=[syria[0].pk, syria[1].pk], now=NOW)
    incremental = stored_numbers()
    # The update reuses the hyperparameters the last full run learned; so does this one.
    reliability_recompute_all(now=NOW, learn=False)

    assert update.claims == 4
    assert_same_numbers(stored_numbers(), incremental)


def test_beyond_the_exact_limit_a_review_updates_its_sources_locally_and_holds_the_rest(
    settings, reviewer
):
    settings.RELIABILITY_EXACT_UPDATE_CLAIMS = 2
    syria, _, _, _ = two_stories(reviewer)
    sana, sohr, rami = (Source.objects.get(name=n) for n in ["SANA", "SOHR", "Rami"])
    reliability_recompute_all(now=NOW)
    held_before = reliability(rami)

    decide(syria[2], Verdict.CONTRADICTED, reviewer)  # only SANA cited it, denying it
    later = NOW + timedelta(hours=1)
    update = reliability_update_for_claims(claim_ids=[syria[2].pk], now=later)

    assert update.sources == 1
    assert reliability(sana).computed_at == later and reliability(sana).decided_claims == 1
    assert reliability(sana).decided_for == pytest.approx(1.0)
    assert reliability(rami) == held_before and reliability(rami).alpha == held_before.alpha
    locally = reliability(sana).mean
    reliability_recompute_all(now=later, learn=False)
    # Close to the exact numbers, which the nightly full recompute restores.
    assert reliability(sana).mean == pytest.approx(locally, abs=0.1)
    assert reliability(sohr).computed_at == later


def test_a_local_update_rewrites_only_the_claims_whose_figures_moved(settings, reviewer):
    settings.RELIABILITY_EXACT_UPDATE_CLAIMS = 1
    syria, _, _, _ = two_stories(reviewer)
    sana = Source.objects.get(name="SANA")
    decide(syria[0], Verdict.CONTRADICTED, reviewer)  # SANA asserted it
    reliability_recompute_all(now=NOW)
    decided_before = Claim.objects.values_list("credibility_explanation", flat=True).get(
        pk=syria[0].pk
    )
    sana_before = reliability(sana).mean

    decide(syria[2], Verdict.CONTRADICTED, reviewer)  # SANA denied it
    update = reliability_update_for_claims(claim_ids=[syria[2].pk], now=NOW)

    # Both of SANA's claims are re-judged; the one already decided keeps its level and
    # probability, so its row (whose explanation still shows SANA's old figure) is not rewritten.
    assert (update.sources, update.claims, update.claims_changed) == (1, 2, 1)
    assert reliability(sana).mean > sana_before
    decided = Claim.objects.get(pk=syria[0].pk)
    assert decided.credibility_explanation == decided_before
    reviewed = Claim.objects.get(pk=syria[2].pk)
    assert reviewed.credibility == Credibility.IMPROBABLE
    assert reviewed.credibility_explanation["basis"] == "review"


def test_a_local_update_writes_what_the_change_moved_not_where_the_models_differ(
    settings, reviewer
):
    settings.RELIABILITY_EXACT_UPDATE_CLAIMS = 1
    syria, _, _, _ = two_stories(reviewer)
    reliability_recompute_all(now=NOW)
    reliability_update_for_claims(claim_ids=[syria[2].pk], now=NOW)  # SANA, locally
    # A stored figure the local model does not give (as a full recompute's may differ: it pools
    # families and detects copying, the local model does neither) for another claim of SANA's.
    Claim.objects.filter(pk=syria[0].pk).update(credibility_probability=0.5)

    update = reliability_update_for_claims(claim_ids=[syria[2].pk], now=NOW)  # nothing new

    assert (update.claims, update.claims_changed) == (2, 0)
    assert Claim.objects.get(pk=syria[0].pk).credibility_probability == 0.5


@pytest.mark.parametrize("unrelated_stories", [0, 20])
def test_a_local_update_reads_as_much_however_much_unrelated_evidence_there_is(
    settings, reviewer, django_assert_num_queries, unrelated_stories
):
    settings.RELIABILITY_EXACT_UPDATE_CLAIMS = 1
    syria, _, _, _ = two_stories(reviewer)
    for _ in range(unrelated_stories):
        claim, source = ClaimFactory(), SourceFactory()
        cite(claim, source)
        cite(ClaimFactory(), source, Stance.DENIES)
    reliability_recompute_all(now=NOW)
    decide(syria[2], Verdict.CONTRADICTED, reviewer)

    # The walk that stops at the limit, the review's voices and the claims they spoke about, the
    # computation's reads (claims, families, verdicts, grades, stored priors, parameters), the
    # claims never judged, the written sources' standing before, the writes and the savepoint
    # (the COPYs that read the citations and write the claims' figures go past Django's count):
    # the same count whatever else the database holds.
    with django_assert_num_queries(23):
        reliability_update_for_claims(claim_ids=[syria[2].pk], now=NOW)


def test_incremental_update_touches_only_the_connected_story(reviewer):
    syria, election, syrian_sources, election_sources = two_stories(reviewer)
    reliability_recompute_all(now=NOW)

    decide(syria[2], Verdict.CONTRADICTED, reviewer)
    later = NOW + timedelta(hours=1)
    update = reliability_update_for_claims(claim_ids=[syria[2].pk], now=later)

    assert (update.sources, update.claims) == (len(syrian_sources), len(syria))
    touched = set(
        SourceReliability.objects.filter(computed_at=later).values_list("source_id", flat=True)
    )
    assert touched == {s.pk for s in syrian_sources}
    assert not touched & {s.pk for s in election_sources}


@pytest.mark.parametrize("detect_copying", [False, True])
def test_verdict_on_an_uncited_claim_recomputes_cleanly(settings, reviewer, detect_copying):
    # The component of an uncited claim has no source at all: an empty graph for the model.
    settings.RELIABILITY_DETECT_COPYING = detect_copying
    uncited = ClaimFactory()
    reviewed_at = decide(uncited, Verdict.CORROBORATED, reviewer).created_at

    update = reliability_update_for_claims(claim_ids=[uncited.pk], now=NOW)

    uncited.refresh_from_db()
    assert (update.sources, update.claims) == (0, 1)
    assert uncited.credibility == Credibility.CONFIRMED
    assert uncited.credibility_explanation["basis"] == "review"
    assert uncited.credibility_explanation["voices"] == []
    as_of = reliability_claim_as_of(claim=uncited, as_of=reviewed_at + timedelta(seconds=1))
    assert (as_of.basis, as_of.credibility) == ("review", Credibility.CONFIRMED)


def test_claim_whose_citations_were_all_deleted_can_no_longer_be_judged(settings):
    settings.RELIABILITY_DETECT_COPYING = True
    claim = ClaimFactory()
    cite(claim, SourceFactory())
    cite(claim, SourceFactory())
    reliability_recompute_all(now=NOW)
    claim.citations.all().delete()

    reliability_update_for_claims(claim_ids=[claim.pk], now=NOW)

    claim.refresh_from_db()
    assert claim.credibility == Credibility.CANNOT_BE_JUDGED
    assert claim.credibility_probability == 0.5
    explanation = claim.credibility_explanation
    assert (explanation["basis"], explanation["voices"]) == ("none", [])


def test_full_recompute_and_history_rebuild_of_an_empty_database_write_nothing(settings):
    settings.RELIABILITY_DETECT_COPYING = True

    update = reliability_recompute_all(now=NOW)

    assert (update.sources, update.claims, update.claims_changed) == (0, 0, 0)
    assert reliability_history_rebuild(now=NOW) == 0
    assert not SourceReliability.objects.exists() and not SourceReliabilitySnapshot.objects.exists()


def test_full_recompute_twice_changes_nothing(reviewer):
    two_stories(reviewer)
    reliability_recompute_all(now=NOW)
    numbers, snapshots = stored_numbers(), SourceReliabilitySnapshot.objects.count()
    claim_events = ClaimEvent.objects.count()

    second = reliability_recompute_all(now=NOW)

    assert second.claims_changed == 0
    assert stored_numbers() == numbers
    assert SourceReliabilitySnapshot.objects.count() == snapshots
    assert ClaimEvent.objects.count() == claim_events


def test_claim_credibility_follows_verdicts_and_thresholds(reviewer):
    strong = [SourceFactory() for _ in range(3)]
    for source in strong:
        SourceRatingFactory(source=source, grade=Grade.A)
    corroborated, contradicted, uncited, confirmed, single = (ClaimFactory() for _ in range(5))
    cite(corroborated, strong[0], Stance.DENIES)
    decide(corroborated, Verdict.CORROBORATED, reviewer)
    cite(contradicted, strong[0])
    decide(contradicted, Verdict.CONTRADICTED, reviewer)
    for source in strong[:2]:
        cite(confirmed, source)
    cite(single, strong[2])

    reliability_recompute_all(now=NOW)

    levels = dict(Claim.objects.values_list("pk", "credibility"))
    assert levels[corroborated.pk] == Credibility.CONFIRMED
    assert levels[contradicted.pk] == Credibility.IMPROBABLE
    assert levels[uncited.pk] == Credibility.CANNOT_BE_JUDGED
    assert levels[confirmed.pk] == Credibility.CONFIRMED
    assert levels[single.pk] == Credibility.PROBABLY_TRUE


def test_a_denial_never_counts_as_confirmation():
    strong, unreliable = SourceFactory(), SourceFactory()
    SourceRatingFactory(source=strong, grade=Grade.A)
    SourceRatingFactory(source=unreliable, grade=Grade.E)
    claim = ClaimFactory()
    cite(claim, strong)
    cite(claim, unreliable, Stance.DENIES)

    reliability_recompute_all(now=NOW)

    claim.refresh_from_db()
    assert claim.credibility_probability > 0.95
    assert claim.credibility == Credibility.PROBABLY_TRUE


def test_disputed_claim_is_judged_from_its_sources(reviewer, staff):
    source = SourceFactory()
    SourceRatingFactory(source=source, grade=Grade.B)
    claim = ClaimFactory()
    cite(claim, source)
    decide(claim, Verdict.CORROBORATED, reviewer)
    decide(claim, Verdict.CONTRADICTED, staff)

    reliability_recompute_all(now=NOW)

    claim.refresh_from_db()
    assert claim.status == "disputed"
    assert claim.credibility_explanation["basis"] == "sources"
    assert claim.credibility == Credibility.PROBABLY_TRUE


def test_explanation_names_the_voices_that_pushed_the_claim_up_and_down():
    believed, doubted = SourceFactory(name="Believed"), SourceFactory(name="Doubted")
    SourceRatingFactory(source=believed, grade=Grade.A)
    SourceRatingFactory(source=doubted, grade=Grade.C)
    claim = ClaimFactory()
    cite(claim, believed)
    cite(claim, doubted, Stance.DENIES)

    reliability_recompute_all(now=NOW)

    claim.refresh_from_db()
    voices = {voice["voice"]: voice for voice in claim.credibility_explanation["voices"]}
    assert voices["Believed"]["shift"] > 0 > voices["Doubted"]["shift"]
    assert [v["voice"] for v in claim.credibility_explanation["voices"]] == ["Believed", "Doubted"]
    assert voices["Doubted"]["statements"][0]["stance"] == Stance.DENIES


def demo_story(reviewer, *, graded: bool):
    """The demo article's sources and claims, built with factories."""
    government = SourceFactory(name="Syrian government", slug="syrian-government")
    sana = SourceFactory(name="SANA", slug="sana", parent=government)
    state_tv = SourceFactory(name="Syrian state TV", slug="syrian-state-tv", parent=government)
    sohr = SourceFactory(name="Syrian Observatory for Human Rights", slug="sohr")
    rami = SourceFactory(name="Rami Abdel Rahman", slug="rami-abdel-rahman", parent=sohr)
    ledger = SourceFactory(name="The Levant Ledger", slug="levant-ledger")
    if graded:
        for source, grade in [
            (sohr, Grade.B),
            (sana, Grade.D),
            (state_tv, Grade.D),
            (ledger, Grade.F),
        ]:
            SourceRatingFactory(source=source, grade=grade, rated_at=EARLY)
    remains = ClaimFactory(text="Assad remains in Damascus")
    fled = ClaimFactory(text="Assad has fled Syria")
    withdrew = ClaimFactory(
        text="Regime forces withdrew from towns about 10 km south-west of Damascus"
    )
    iran = ClaimFactory(text="Iran's military advisers have begun withdrawing from Syria")
    for outlet in (sana, state_tv):
        cite(remains, outlet, via=ledger)
        cite(fled, outlet, Stance.DENIES, via=ledger)
    cite(withdrew, rami, via=ledger)
    cite(withdrew, sohr, via=ledger)
    cite(iran, sohr, via=ledger)
    return {"sana": sana, "state_tv": state_tv, "sohr": sohr}, [remains, withdrew, iran]


@pytest.mark.parametrize("graded", [True, False], ids=["with human grades", "record alone"])
def test_demo_story_sohr_rises_above_syrian_state_media_after_the_verdicts(reviewer, graded):
    sources, (remains, withdrew, iran) = demo_story(reviewer, graded=graded)
    reliability_recompute_all(now=NOW)
    before = {name: reliability(source).mean for name, source in sources.items()}

    decide(remains, Verdict.CONTRADICTED, reviewer, effective_at=DEC_8)
    reliability_update_for_claims(claim_ids=[remains.pk], now=NOW)
    for claim in (withdrew, iran):
        decide(claim, Verdict.CORROBORATED, reviewer, effective_at=DEC_7)
    reliability_update_for_claims(claim_ids=[withdrew.pk, iran.pk], now=NOW)
    after = {name: reliability(source).mean for name, source in sources.items()}

    assert after["sohr"] > before["sohr"]
    assert after["sana"] < before["sana"] and after["state_tv"] < before["state_tv"]
    assert after["sohr"] > after["sana"] and after["sohr"] > after["state_tv"]
    assert reliability(sources["sana"]).decided_against == 1.0
    assert reliability(sources["sohr"]).decided_for == 2.0
    remains.refresh_from_db()
    statements = [s for v in remains.credibility_explanation["voices"] for s in v["statements"]]
    assert {s["source"]: s["counted"] for s in statements} == {
        "SANA": "against",
        "Syrian state TV": "against",
    }


def test_recompute_reliability_command_rebuilds_and_records_history(reviewer):
    two_stories(reviewer)

    call_command("recompute_reliability", "--history")

    assert SourceReliability.objects.count() == Source.objects.count()
    days = set(SourceReliabilitySnapshot.objects.values_list("day", flat=True))
    assert DEC_7.date() in days and EARLY.date() not in days


def test_history_rebuild_records_each_day_evidence_arrived_with_the_evidence_of_that_day(reviewer):
    source = SourceFactory()
    claim = ClaimFactory()
    cite(claim, source, published_at=DEC_7)
    decide(claim, Verdict.CONTRADICTED, reviewer)

    reliability_history_rebuild(now=NOW + timedelta(days=5000))

    history = list(SourceReliabilitySnapshot.objects.filter(source=source).order_by("day"))
    assert history[0].day == DEC_7.date() and history[0].decided_claims == 0
    assert history[-1].decided_claims == 1 and history[-1].mean < history[0].mean


class SourceAdminWithReliability(SourceReliabilityAdminMixin, admin.ModelAdmin):
    list_display = ["name", "computed_reliability"]


class ClaimAdminWithCredibility(ClaimCredibilityAdminMixin, admin.ModelAdmin):
    pass


def test_source_admin_mixin_shows_the_computed_record_and_an_svg_chart(rf, staff, reviewer):
    sources, (remains, _, _) = demo_story(reviewer, graded=True)
    decide(remains, Verdict.CONTRADICTED, reviewer)
    reliability_recompute_all(now=NOW)
    reliability_history_rebuild(now=NOW)
    model_admin = SourceAdminWithReliability(Source, admin.site)
    request = rf.get("/")
    request.user = staff
    sana = model_admin.get_queryset(request).get(pk=sources["sana"].pk)

    fieldsets = model_admin.get_fieldsets(request, sana)
    chart = model_admin.reliability_chart(sana)

    assert fieldsets[-1][1]["fields"] == SourceReliabilityAdminMixin.reliability_fields
    assert "reliability_chart" in model_admin.get_readonly_fields(request, sana)
    assert chart.startswith("<svg") and 'class="reliability-mean"' in chart
    assert 'class="reliability-human-grade"' in chart
    assert "1 decided claims: 0.00 for, 1.00 against" in model_admin.reliability_record(sana)
    assert model_admin.computed_reliability(sana).startswith("<span")


def test_source_admin_list_loads_reliability_without_a_query_per_row(
    rf, staff, django_assert_max_num_queries
):
    for _ in range(5):
        SourceFactory()
    reliability_recompute_all(now=NOW)
    model_admin = SourceAdminWithReliability(Source, admin.site)
    request = rf.get("/")
    request.user = staff

    # One query: sources joined with their reliability.
    with django_assert_max_num_queries(1):
        cells = [model_admin.computed_reliability(s) for s in model_admin.get_queryset(request)]

    assert len(cells) == 5


def test_reliability_chart_is_empty_without_history():
    assert reliability_chart_svg(source=SourceFactory()) == ""


def test_claim_admin_mixin_explains_which_voices_moved_the_credibility(rf, staff):
    believed, doubted = SourceFactory(name="Believed"), SourceFactory(name="Doubted")
    SourceRatingFactory(source=believed, grade=Grade.A)
    SourceRatingFactory(source=doubted, grade=Grade.C)
    claim = ClaimFactory()
    cite(claim, believed)
    cite(claim, doubted, Stance.DENIES)
    reliability_recompute_all(now=NOW)
    claim.refresh_from_db()
    model_admin = ClaimAdminWithCredibility(Claim, admin.site)
    request = rf.get("/")
    request.user = staff

    html = model_admin.credibility_explanation_display(claim)

    assert "credibility_explanation_display" in model_admin.get_readonly_fields(request, claim)
    assert "Believed" in html and "Doubted" in html
    assert "credibility-voice-up" in html and "credibility-voice-down" in html


def test_a_full_recompute_stores_the_statement_weights_the_reviews_taught(reviewer):
    two_stories(reviewer)

    reliability_recompute_all(now=NOW)

    weights = ReliabilityParameters.objects.get().combination
    # [EM's reliability, the record on reviewed claims, wrong values, distance, confusion
    # matrices, one offset]
    assert len(weights) == 6
    assert weights[0] >= 0 and weights[1] >= 0


def test_without_reviews_no_statement_weights_are_stored():
    claim = ClaimFactory()
    cite(claim, SourceFactory())

    reliability_recompute_all(now=NOW)

    assert ReliabilityParameters.objects.get().combination == []


def test_updates_after_a_review_reuse_the_excess_agreement_the_full_recompute_learned():
    learned = LearnedParameters(
        population_alpha=3.0,
        population_beta=1.0,
        temperature=0.5,
        near_rate=np.zeros(0),
        near_scale=np.zeros(0),
        false_values=np.zeros(0),
        excess_agreement=0.07,
    )

    _store_parameters(learned, half_life_days=np.inf, now=datetime.now(UTC))
    stored, _ = _stored_parameters()

    assert stored.excess_agreement == 0.07


def test_explanation_figures_are_rounded_exactly_as_round_rounds_them():
    rng = np.random.default_rng(0)
    halves = (rng.integers(-(10**9), 10**9, 20_000) + 0.5) / 1e4
    values = np.concatenate(
        [
            rng.normal(0, 3, 20_000),
            halves,
            np.nextafter(halves, np.inf),
            np.nextafter(halves, -np.inf),
            [0.0, -0.0, -1e-5, 2.675, 0.00015, 1e17, -1e300, np.nan, np.inf],
        ]
    )
    expected = [round(value, 4) for value in values.tolist()]
    assert list(map(repr, _rounded(values).tolist())) == list(map(repr, expected))


def test_citations_are_read_by_claim_in_citation_order_across_reads_and_filters(monkeypatch):
    monkeypatch.setattr(engine, "_CITATIONS_PER_READ", 3)  # several reads, boundaries inside claims
    first, second, uncited = ClaimFactory(), ClaimFactory(), ClaimFactory()
    agency, outlet = SourceFactory(), SourceFactory()
    citations = [
        cite(second, agency, published_at=DEC_8),
        cite(first, outlet, Stance.DENIES, published_at=None),
        cite(second, outlet, via=agency, published_at=EARLY),
        cite(first, agency, published_at=datetime(1700, 3, 1, 0, 0, 0, 1, tzinfo=UTC)),
        cite(second, agency, url="https://example.org/again", published_at=DEC_7),
        cite(first, agency, Stance.DENIES, url="https://example.org/later", published_at=NOW),
        cite(second, outlet, Stance.DENIES, url="https://example.org/late", published_at=NOW),
    ]

    def expected(claims, as_of=None):
        made = [c for c in citations if as_of is None or (c.published_at or c.created_at) <= as_of]
        ordered = sorted((c for c in made if c.claim in claims), key=lambda c: (c.claim_id, c.pk))
        return [
            (
                c.claim_id,
                c.source_id,
                c.via_id or 0,
                c.stance == Stance.ASSERTS,
                repr(c.published_at.timestamp() if c.published_at else np.nan),
                repr((c.published_at or c.created_at).timestamp()),
            )
            for c in ordered
        ]

    def read(claim_ids, as_of=None):
        columns = _citations(claim_ids if claim_ids is None else np.array(claim_ids), as_of=as_of)
        return [
            (claim, source, via, asserts, repr(published), repr(at))
            for claim, source, via, asserts, published, at in zip(
                *(column.tolist() for column in columns), strict=True
            )
        ]

    assert read(None) == expected([first, second])
    assert read([second.pk, uncited.pk]) == expected([second])
    assert read(None, as_of=DEC_8) == expected([first, second], as_of=DEC_8)
    assert read([first.pk], as_of=DEC_7) == expected([first], as_of=DEC_7)
    assert read([uncited.pk]) == []
