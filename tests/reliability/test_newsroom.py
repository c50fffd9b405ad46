"""What a newsroom reads off the engine, each from a small archive built through the services the
admin and the API use: letters that mean something, evidence aged against the source's own
newest, relays judged on their own voice, backfilled verdicts, families, unresolved claims and
honest credibility words."""

from datetime import UTC, datetime, timedelta

import pytest

from claims.models import ClaimStatus, Credibility, Stance, Verdict
from claims.services import citation_create, claim_create, review_create
from reliability.engine import (
    reliability_claim_as_of,
    reliability_recompute_all,
    reliability_source_as_of,
)
from reliability.models import SourceReliability
from reliability.selectors import source_track_record
from sources.models import Grade, Source, SourceKind
from sources.services import source_create

pytestmark = pytest.mark.django_db

DEC_2024 = datetime(2024, 12, 1, tzinfo=UTC)
TODAY = datetime(2026, 12, 6, tzinfo=UTC)


def said(source: Source, text: str, *, at: datetime, stance=Stance.ASSERTS, via=None, by=None):
    """A claim made by `source` at `at`, as a journalist would enter it."""
    return claim_create(
        text=text,
        created_by=by,
        citations=[{"source": source, "stance": stance, "published_at": at, "via": via}],
    )


def judge(claim, verdict, reviewer, *, evidence_at=None, effective_at=None):
    return review_create(
        claim=claim,
        verdict=verdict,
        evidence_note="Checked against independent reporting.",
        reviewer=reviewer,
        evidence_published_at=evidence_at,
        effective_at=effective_at,
    )


def record(source: Source) -> SourceReliability:
    return SourceReliability.objects.get(source=source)


def track(source, verdict, reviewer, *, count, start=DEC_2024, days_apart=1):
    """`count` statements by `source`, each decided with `verdict`."""
    for k in range(count):
        at = start + timedelta(days=k * days_apart)
        claim = said(source, f"{source.name} statement of {at:%Y-%m-%d}", at=at)
        judge(claim, verdict, reviewer, evidence_at=at + timedelta(hours=6))


def test_a_source_with_one_decided_statement_reads_f_and_says_why(reviewer):
    monitor = source_create(name="Monitor")
    track(monitor, Verdict.CORROBORATED, reviewer, count=1)

    reliability_recompute_all(now=TODAY)

    assert record(monitor).letter == Grade.F
    assert record(monitor).letter_words == "F: too little evidence, 1 decided statement"


def test_five_decided_statements_all_right_read_a_or_b_and_all_wrong_read_e(reviewer):
    observatory = source_create(name="Observatory")
    ministry = source_create(name="Ministry of Defence", kind=SourceKind.GOVERNMENT)
    track(observatory, Verdict.CORROBORATED, reviewer, count=5)
    track(ministry, Verdict.CONTRADICTED, reviewer, count=5)

    reliability_recompute_all(now=TODAY)

    assert record(observatory).letter in {Grade.A, Grade.B}
    assert record(ministry).letter == Grade.E
    assert record(observatory).letter_words.endswith("5 decided statements, 100 % borne out")


def test_an_archive_from_one_month_two_years_ago_keeps_its_record_at_full_strength(reviewer):
    observatory = source_create(name="Observatory")
    track(observatory, Verdict.CORROBORATED, reviewer, count=6)

    reliability_recompute_all(now=TODAY)

    kept = record(observatory)
    assert kept.decided_for == pytest.approx(6.0, rel=0.05)
    assert kept.letter in {Grade.A, Grade.B}
    assert kept.newest_evidence_at == DEC_2024 + timedelta(days=5)


def test_a_source_whose_behaviour_changes_is_followed(reviewer):
    """Wrong for a year, then right: older evidence weighs less against the newer."""
    outlet = source_create(name="Outlet under new owners")
    track(outlet, Verdict.CONTRADICTED, reviewer, count=6, start=datetime(2023, 1, 1, tzinfo=UTC))
    track(outlet, Verdict.CORROBORATED, reviewer, count=6, start=datetime(2025, 6, 1, tzinfo=UTC))

    reliability_recompute_all(now=TODAY)

    changed = record(outlet)
    assert changed.decided_for > 2 * changed.decided_against
    assert changed.mean > 0.5


def test_a_relay_is_judged_on_its_own_voice_not_on_what_it_quotes(reviewer):
    army = source_create(name="Syrian army", kind=SourceKind.MILITARY)
    agency = source_create(name="Wire agency", kind=SourceKind.NEWS_AGENCY)
    bystander = source_create(name="Bystander agency", kind=SourceKind.NEWS_AGENCY)
    for k in range(5):
        claim = said(army, f"Army claim {k}", at=DEC_2024 + timedelta(days=k), via=agency)
        judge(claim, Verdict.CONTRADICTED, reviewer)

    reliability_recompute_all(now=TODAY)

    assert record(agency).decided_against == 0
    assert record(agency).decided_claims == 0
    assert record(agency).mean == pytest.approx(record(bystander).mean)
    assert record(army).decided_against == pytest.approx(5.0, rel=0.05)


def test_a_relay_can_be_given_a_share_of_the_blame_by_setting(settings, reviewer):
    settings.RELIABILITY_VIA_WEIGHT = 0.5
    army = source_create(name="Syrian army", kind=SourceKind.MILITARY)
    agency = source_create(name="Wire agency", kind=SourceKind.NEWS_AGENCY)
    claim = said(army, "Army claim", at=DEC_2024, via=agency)
    judge(claim, Verdict.CONTRADICTED, reviewer)

    reliability_recompute_all(now=TODAY)

    assert record(agency).decided_against == pytest.approx(0.5)


def test_a_backfilled_archive_answers_as_of_a_past_day_as_it_stood_then(reviewer):
    """Verdicts typed in today with evidence published in December 2024."""
    observatory = source_create(name="Observatory")
    before = said(observatory, "Regime forces left Hama", at=datetime(2024, 12, 5, tzinfo=UTC))
    later = said(observatory, "Assad has fled Syria", at=datetime(2024, 12, 8, tzinfo=UTC))
    judge(before, Verdict.CORROBORATED, reviewer, evidence_at=datetime(2024, 12, 6, tzinfo=UTC))
    judge(later, Verdict.CORROBORATED, reviewer, evidence_at=datetime(2024, 12, 10, tzinfo=UTC))
    as_of = datetime(2024, 12, 9, 23, 59, tzinfo=UTC)

    then = reliability_source_as_of(source=observatory, as_of=as_of)

    assert then.decided_claims == 1
    assert reliability_claim_as_of(claim=before, as_of=as_of).basis == "review"
    assert reliability_claim_as_of(claim=later, as_of=as_of).basis == "sources"
    asserted = source_track_record(source=observatory, as_of=as_of)["asserted"]
    assert asserted["corroborated"] == 1 and asserted["unverified"] == 1
    assert source_track_record(source=observatory)["asserted"]["corroborated"] == 2


def test_an_unresolved_claim_counts_for_and_against_nobody(reviewer):
    militia = source_create(name="Militia")
    rival = source_create(name="Rival militia")
    claim = said(militia, "The village was shelled by the rival militia", at=DEC_2024)
    citation_create(claim=claim, source=rival, stance=Stance.DENIES, published_at=DEC_2024)

    judge(claim, Verdict.UNRESOLVED, reviewer)
    reliability_recompute_all(now=TODAY)

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.UNRESOLVED
    assert claim.credibility == Credibility.CANNOT_BE_JUDGED
    assert claim.credibility_words == "6 – cannot be judged: only interested parties dispute it"
    for source in (militia, rival):
        assert record(source).decided_claims == 0
        assert record(source).statements == 0


def test_a_superseded_claim_reads_true_when_made_never_confirmed(reviewer):
    state_media = source_create(name="State media")
    claim = said(state_media, "Assad remains in Damascus", at=datetime(2024, 12, 7, tzinfo=UTC))
    judge(claim, Verdict.SUPERSEDED, reviewer, effective_at=datetime(2024, 12, 8, tzinfo=UTC))

    reliability_recompute_all(now=TODAY)

    claim.refresh_from_db()
    assert claim.credibility_words == "1 – true when made, since overtaken"
    assert "confirmed" not in claim.credibility_words


def test_a_claim_one_source_makes_is_never_confirmed_by_sources(reviewer):
    observatory = source_create(name="Observatory")
    track(observatory, Verdict.CORROBORATED, reviewer, count=8)
    claim = said(observatory, "Rebels entered Homs", at=DEC_2024 + timedelta(days=9))

    reliability_recompute_all(now=TODAY)

    claim.refresh_from_db()
    assert claim.credibility != Credibility.CONFIRMED
    assert "confirmed" not in claim.credibility_words


def test_a_newcomer_to_a_family_starts_from_the_familys_record_and_its_own_moves_it(reviewer):
    government = source_create(name="Syrian government", kind=SourceKind.GOVERNMENT)
    for ministry in ("Ministry of Defence", "SANA", "Ministry of Interior"):
        member = source_create(name=ministry, kind=SourceKind.GOVERNMENT, parent=government)
        track(member, Verdict.CONTRADICTED, reviewer, count=4)
    presidency = source_create(name="Presidency", kind=SourceKind.GOVERNMENT, parent=government)
    stranger = source_create(name="Unaffiliated newcomer")
    said(presidency, "The president is in Damascus", at=DEC_2024)
    said(stranger, "The president is in Moscow", at=DEC_2024)

    reliability_recompute_all(now=TODAY)
    newcomer_in_family = record(presidency).mean
    assert newcomer_in_family < record(stranger).mean - 0.1

    track(
        presidency, Verdict.CORROBORATED, reviewer, count=6, start=datetime(2025, 1, 1, tzinfo=UTC)
    )
    reliability_recompute_all(now=TODAY)
    assert record(presidency).mean > newcomer_in_family + 0.1


def test_family_members_still_count_as_one_voice_for_corroboration():
    government = source_create(name="Syrian government", kind=SourceKind.GOVERNMENT)
    agency = source_create(name="SANA", parent=government)
    television = source_create(name="Syrian state TV", parent=government)
    claim = said(agency, "The army holds Homs", at=DEC_2024)
    citation_create(claim=claim, source=television, stance=Stance.ASSERTS, published_at=DEC_2024)

    reliability_recompute_all(now=TODAY)

    claim.refresh_from_db()
    assert claim.credibility != Credibility.CONFIRMED
    voices = claim.credibility_explanation["voices"]
    assert [voice["voice"] for voice in voices] == ["Syrian government"]
