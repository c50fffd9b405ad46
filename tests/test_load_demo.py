from datetime import UTC, datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from pghistory.models import Context, Events

from claims.models import Citation, Claim, ClaimStatus, Review, Stance
from reliability.models import SourceReliability, SourceReliabilitySnapshot
from sources.models import Source, SourceAlias, SourceRating
from sources.selectors import source_resolve, source_root_ids

pytestmark = pytest.mark.django_db

CANONICAL_CLAIMS = [
    "Assad remains in Damascus",
    "Assad has fled Syria",
    "Regime forces withdrew from towns about 10 km south-west of Damascus",
    "Iran's military advisers have begun withdrawing from Syria",
    "Large military reinforcements have been sent to defend Homs",
    "HTS has captured Aleppo and Hama",
    "The rebel offensive began on 27 November 2024",
    "HTS's goal is to overthrow Assad",
]
EARLY_DECEMBER_2024 = (datetime(2024, 12, 1, tzinfo=UTC), datetime(2024, 12, 10, tzinfo=UTC))


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def database_state():
    User = get_user_model()
    return {
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "password")),
        "memberships": User.groups.through.objects.count(),
        "sources": list(Source.objects.order_by("pk").values()),
        "aliases": list(SourceAlias.objects.order_by("pk").values()),
        "ratings": list(SourceRating.objects.order_by("pk").values()),
        "claims": list(Claim.objects.order_by("pk").values()),
        "citations": list(Citation.objects.order_by("pk").values()),
        "reviews": list(Review.objects.order_by("pk").values()),
        "reliabilities": list(SourceReliability.objects.order_by("pk").values()),
        "reliability_history": list(SourceReliabilitySnapshot.objects.order_by("pk").values()),
        "events": Events.objects.count(),
        "event_contexts": Context.objects.count(),
    }


def test_loading_the_demo_twice_changes_nothing_the_second_time():
    first_output = load_demo()
    after_first = database_state()

    second_output = load_demo()

    assert database_state() == after_first
    assert after_first["events"] > 0
    assad = Claim.objects.get(text="Assad remains in Damascus")
    assert Events.objects.tracks(assad).first().pgh_context == {"loaded_by": "load_demo"}
    assert "rows added" in first_output
    assert "nothing changed" in second_output


def test_demo_comes_with_computed_reliability_credibility_and_history():
    load_demo()

    assert SourceReliability.objects.count() == Source.objects.count()
    assert set(SourceReliabilitySnapshot.objects.values_list("source_id", flat=True)) == set(
        Source.objects.values_list("pk", flat=True)
    )
    days = set(SourceReliabilitySnapshot.objects.values_list("day", flat=True))
    assert {datetime(2024, 12, 1).date(), datetime(2024, 12, 7).date()} <= days
    sohr = SourceReliability.objects.get(source__slug="sohr")
    assert sohr.human_grade == "B"
    aleppo = Claim.objects.get(text="HTS has captured Aleppo and Hama")
    assert aleppo.credibility_explanation["basis"] == "review"
    assad = Claim.objects.get(text="Assad remains in Damascus")
    assert assad.credibility_explanation["basis"] == "sources"
    assert {voice["voice"] for voice in assad.credibility_explanation["voices"]} == {
        "Syrian government"
    }


def test_loading_the_demo_again_computes_reliability_a_database_loaded_without_it_lacks():
    load_demo()
    SourceReliability.objects.all().delete()

    load_demo()

    assert SourceReliability.objects.count() == Source.objects.count()


def test_demo_holds_the_story_s_claims_with_who_said_them_and_through_whom():
    load_demo()

    assert set(CANONICAL_CLAIMS) <= set(Claim.objects.values_list("text", flat=True))
    voices = {
        (c.claim.text, c.source.name, c.stance, c.via.name if c.via else None)
        for c in Citation.objects.select_related("claim", "source", "via")
    }
    assert {
        ("Assad remains in Damascus", "SANA", Stance.ASSERTS, "The Levant Ledger"),
        ("Assad remains in Damascus", "Syrian state TV", Stance.ASSERTS, "The Levant Ledger"),
        ("Assad has fled Syria", "SANA", Stance.DENIES, "The Levant Ledger"),
        (
            "Regime forces withdrew from towns about 10 km south-west of Damascus",
            "Rami Abdel Rahman",
            Stance.ASSERTS,
            "The Levant Ledger",
        ),
        (
            "Iran's military advisers have begun withdrawing from Syria",
            "Syrian Observatory for Human Rights",
            Stance.ASSERTS,
            "The Levant Ledger",
        ),
        ("HTS's goal is to overthrow Assad", "Abu Mohammed al-Golani", Stance.ASSERTS, "CNN"),
    } <= voices
    for citation in Citation.objects.all():
        assert citation.quote and citation.url.startswith("https://")
        assert EARLY_DECEMBER_2024[0] <= citation.published_at < EARLY_DECEMBER_2024[1]
    rami = Citation.objects.get(source__name="Rami Abdel Rahman")
    assert "10 kilometers" in rami.quote
    assert Claim.objects.get(text="Assad remains in Damascus").status == ClaimStatus.UNVERIFIED


def test_demo_sources_resolve_by_alias_and_share_their_affiliation_roots():
    load_demo()

    sohr = Source.objects.get(slug="sohr")
    names = ["SOHR", "Syrian Observatory for Human Rights", "OSDH", "المرصد السوري لحقوق الإنسان"]
    for name in names:
        assert source_resolve(name=name) == sohr, name
    assert set(names) <= set(sohr.aliases.values_list("name", flat=True))
    government = Source.objects.get(name="Syrian government")
    sana, state_tv = Source.objects.get(name="SANA"), Source.objects.get(name="Syrian state TV")
    rami = Source.objects.get(name="Rami Abdel Rahman")
    assert (sana.parent, state_tv.parent, rami.parent) == (government, government, sohr)
    roots = source_root_ids(source_ids=[sana.pk, state_tv.pk, rami.pk])
    assert roots == {sana.pk: government.pk, state_tv.pk: government.pk, rami.pk: sohr.pk}


def test_demo_rates_a_few_sources_with_rationales_by_the_demo_reviewer():
    load_demo()

    ratings = SourceRating.objects.select_related("source", "rated_by")
    assert ratings.count() >= 3
    assert {rating.rated_by.username for rating in ratings} == {"demo-reviewer"}
    assert all(rating.rationale.strip() for rating in ratings)
    assert {"sohr", "sana", "cnn"} <= {rating.source.slug for rating in ratings}


def test_demo_logins_are_printed_and_work_with_their_roles(client):
    output = load_demo()

    User = get_user_model()
    reviewer = User.objects.get(username="demo-reviewer")
    journalist = User.objects.get(username="demo-journalist")
    assert reviewer.is_staff and not reviewer.is_superuser
    assert list(reviewer.groups.values_list("name", flat=True)) == ["reviewer"]
    assert not journalist.is_staff
    assert list(journalist.groups.values_list("name", flat=True)) == ["journalist"]
    assert "demo-reviewer / demo-reviewer-2024" in output
    assert "demo-journalist / demo-journalist-2024" in output

    assert client.login(username="demo-reviewer", password="demo-reviewer-2024")
    found = client.get(reverse("admin:claims_claim_changelist"), {"q": "Assad remains"})
    assert "Assad remains in Damascus" in {claim.text for claim in found.context["cl"].result_list}
    assert "SANA (asserts); Syrian state TV (asserts)" in found.content.decode()


@override_settings(IS_PRODUCTION=True)
def test_demo_loader_refuses_production_with_one_line_and_a_failing_exit():
    with pytest.raises(CommandError) as refusal:
        call_command("load_demo", stdout=StringIO())

    # manage.py prints a CommandError as one "CommandError: <message>" line and exits with its
    # return code.
    assert refusal.value.returncode != 0
    assert len(str(refusal.value).splitlines()) == 1
    assert "refuses to run in production" in str(refusal.value)
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()
    assert not Claim.objects.exists()
