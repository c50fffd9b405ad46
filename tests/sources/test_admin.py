from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import Stance, Verdict
from claims.services import review_create
from reliability.engine import reliability_history_rebuild, reliability_recompute_all
from sources.models import Grade, Source, SourceAlias, SourceKind, SourceRating
from tests.admin_forms import form_data
from tests.factories import (
    CitationFactory,
    ClaimFactory,
    SourceAliasFactory,
    SourceFactory,
    SourceRatingFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:sources_source_changelist")
ADD = reverse("admin:sources_source_add")


def change_url(source):
    return reverse("admin:sources_source_change", args=[source.pk])


@pytest.fixture
def sources_with_history(reviewer):
    """Five sources, each with a parent, two aliases and a rating history of three grades."""
    government = SourceFactory(name="Syrian government", kind=SourceKind.GOVERNMENT)
    sources = []
    for number in range(5):
        source = SourceFactory(name=f"Outlet {number}", parent=government)
        SourceAliasFactory(source=source, name=f"O{number}")
        SourceAliasFactory(source=source, name=f"Outlet number {number}")
        for days_ago, grade in [(30, Grade.C), (20, Grade.D), (10, Grade.B)]:
            SourceRatingFactory(
                source=source,
                grade=grade,
                rated_by=reviewer,
                rated_at=timezone.now() - timedelta(days=days_ago),
            )
        sources.append(source)
    return sources


def test_source_changelist_shows_current_grade_without_a_query_per_row(
    client, reviewer, sources_with_history, django_assert_max_num_queries
):
    reliability_recompute_all()
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions, the country filter's distinct
    # values, the count, and the page of sources with parent, computed reliability, newest grade
    # and other names joined or annotated in the same query.
    with django_assert_max_num_queries(7):
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    rows = {source.name: source for source in response.context["cl"].result_list}
    assert rows["Outlet 3"].current_grade == Grade.B
    assert rows["Syrian government"].current_grade is None
    page = response.content.decode()
    assert "Outlet number 3" in page
    assert "column-computed_reliability" in page
    computed = rows["Outlet 3"].reliability
    assert f"{computed.letter} {computed.mean:.2f}" in page


def test_source_search_finds_a_source_by_any_alias(client, reviewer):
    sohr = SourceFactory(name="Syrian Observatory for Human Rights")
    for alias in ["SOHR", "OSDH", "المرصد السوري لحقوق الإنسان"]:
        SourceAliasFactory(source=sohr, name=alias)
    SourceFactory(name="SANA")
    client.force_login(reviewer)

    for term in ["osdh", "المرصد", "Observatory"]:
        response = client.get(CHANGELIST, {"q": term})
        assert list(response.context["cl"].result_list) == [sohr], term


def test_source_change_page_shows_rating_history_newest_first_in_bounded_queries(
    client, reviewer, sources_with_history, django_assert_max_num_queries
):
    source = sources_with_history[0]
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions, the source (with its annotations),
    # the aliases inline, the rating history with source and raters joined, the content type
    # (cached after first use), the parent shown by the autocomplete widget, the reliability
    # history behind the chart (the computed reliability is joined to the source), the count of
    # the track record (its page is not read when empty); the new-rating inline queries nothing.
    with django_assert_max_num_queries(11):
        response = client.get(change_url(source))
    assert response.status_code == 200
    history = next(
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.formset.prefix == "ratings-2"
    )
    assert [form.instance.grade for form in history.formset.forms] == ["B", "D", "C"]
    assert not history.has_change_permission and not history.has_delete_permission


def test_reviewer_adds_a_rating_on_the_source_page_without_touching_earlier_ones(
    client, reviewer, sources_with_history
):
    source = sources_with_history[0]
    before = list(source.ratings.values_list("pk", "grade", "rationale"))
    client.force_login(reviewer)
    data = form_data(client.get(change_url(source)), "source_form")
    data.update({"ratings-0-grade": "E", "ratings-0-rationale": "Repeated false frontline claims."})

    response = client.post(change_url(source), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    newest = source.ratings.order_by("-rated_at", "-id").first()
    assert (newest.grade, newest.rated_by) == ("E", reviewer)
    assert newest.rationale == "Repeated false frontline claims."
    earlier = source.ratings.exclude(pk=newest.pk).values_list("pk", "grade", "rationale")
    assert list(earlier) == before


def test_rating_without_rationale_is_a_form_error_not_a_row(client, reviewer, sources_with_history):
    source = sources_with_history[0]
    client.force_login(reviewer)
    data = form_data(client.get(change_url(source)), "source_form")
    data.update({"ratings-0-grade": "E", "ratings-0-rationale": "   "})

    response = client.post(change_url(source), data)

    assert response.status_code == 200
    assert response.context["errors"]
    assert source.ratings.count() == 3


def test_reviewer_cannot_delete_or_edit_ratings(client, reviewer, sources_with_history):
    rating = sources_with_history[0].ratings.first()
    client.force_login(reviewer)

    delete_url = reverse("admin:sources_sourcerating_delete", args=[rating.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = client.get(reverse("admin:sources_sourcerating_changelist"))
    assert changelist.context["action_form"] is None
    assert b"delete_selected" not in changelist.content
    change = client.get(reverse("admin:sources_sourcerating_change", args=[rating.pk]))
    assert change.status_code == 200
    assert not change.context["has_change_permission"]
    assert SourceRating.objects.filter(pk=rating.pk).exists()


def test_rating_changelist_is_bounded(
    client, reviewer, sources_with_history, django_assert_max_num_queries
):
    client.force_login(reviewer)
    # session, user, the reviewer's user and group permissions, the count, the page of ratings
    # with source and rater joined, the date hierarchy's range and its months.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("admin:sources_sourcerating_changelist"))
    assert len(response.context["cl"].result_list) == 15


def test_adding_a_source_registers_its_name_and_aliases_and_makes_a_slug(client, reviewer):
    government = SourceFactory(name="Syrian government", kind=SourceKind.GOVERNMENT)
    client.force_login(reviewer)
    data = form_data(client.get(ADD), "source_form")
    data.update(
        {
            "name": "Syrian Arab News Agency",
            "kind": SourceKind.STATE_MEDIA,
            "country": "sy",
            "parent": str(government.pk),
            "aliases-0-name": "SANA",
        }
    )

    response = client.post(ADD, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    sana = Source.objects.get(name="Syrian Arab News Agency")
    assert (sana.slug, sana.country, sana.parent) == ("syrian-arab-news-agency", "SY", government)
    aliases = sorted(sana.aliases.values_list("name", flat=True))
    assert aliases == ["SANA", "Syrian Arab News Agency"]


def test_adding_a_source_under_a_name_another_source_has_is_a_form_error(client, reviewer):
    sohr = SourceFactory(name="Syrian Observatory for Human Rights")
    SourceAliasFactory(source=sohr, name="SOHR")
    client.force_login(reviewer)
    data = form_data(client.get(ADD), "source_form")
    data.update({"name": "sohr", "kind": SourceKind.MONITORING_NGO})

    response = client.post(ADD, data)

    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert not Source.objects.filter(name="sohr").exists()


def test_alias_already_used_by_another_source_is_a_form_error_naming_that_source(client, reviewer):
    sohr = SourceFactory(name="Syrian Observatory for Human Rights")
    SourceAliasFactory(source=sohr, name="SOHR")
    other = SourceFactory(name="Other monitor")
    client.force_login(reviewer)
    data = form_data(client.get(change_url(other)), "source_form")
    # aliases-0 is the source's own name; aliases-1 the empty form for a new one.
    data["aliases-1-name"] = "  sohr "

    response = client.post(change_url(other), data)

    assert response.status_code == 200
    assert ["“Syrian Observatory for Human Rights” already goes by “sohr”."] in response.context[
        "errors"
    ]
    assert list(other.aliases.values_list("name", flat=True)) == ["Other monitor"]


def test_affiliation_loop_is_a_form_error(client, reviewer):
    sohr = SourceFactory(name="SOHR")
    rami = SourceFactory(name="Rami Abdel Rahman", kind=SourceKind.PERSON, parent=sohr)
    client.force_login(reviewer)
    data = form_data(client.get(change_url(sohr)), "source_form")
    data["parent"] = str(rami.pk)

    response = client.post(change_url(sohr), data)

    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    sohr.refresh_from_db()
    assert sohr.parent is None


def test_renaming_an_alias_and_removing_one_from_the_source_page(client, reviewer):
    source = SourceFactory(name="Hayat Tahrir al-Sham")
    SourceAliasFactory(source=source, name="HTS")
    SourceAliasFactory(source=source, name="Tahrir al-Sham")
    client.force_login(reviewer)
    response = client.get(change_url(source))
    data = form_data(response, "source_form")
    names = {key: value for key, value in data.items() if key.startswith("aliases-")}
    hts_key = next(key for key, value in names.items() if value == "HTS")
    other_key = next(key for key, value in names.items() if value == "Tahrir al-Sham")
    data[hts_key] = "H.T.S."
    data[other_key.replace("-name", "-DELETE")] = "on"

    response = client.post(change_url(source), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    remaining = SourceAlias.objects.filter(source=source).values_list("name", flat=True)
    assert list(remaining) == ["H.T.S.", "Hayat Tahrir al-Sham"]


def test_outsiders_and_journalists_do_not_reach_the_admin(client, journalist, outsider):
    for user in [journalist, outsider]:
        client.force_login(user)
        response = client.get(CHANGELIST)
        assert response.status_code == 302
        assert reverse("admin:login") in response.url


def test_rating_change_page_and_source_add_page_are_bounded(
    client, reviewer, sources_with_history, django_assert_max_num_queries
):
    rating = sources_with_history[0].ratings.first()
    client.force_login(reviewer)
    # session, user, the rating with source and rater joined, the reviewer's user and group
    # permissions, the content type (cached after first use).
    with django_assert_max_num_queries(6):
        response = client.get(reverse("admin:sources_sourcerating_change", args=[rating.pk]))
    assert response.status_code == 200
    # session, user, the reviewer's user and group permissions, the content type.
    with django_assert_max_num_queries(5):
        response = client.get(ADD)
    assert response.status_code == 200


def test_source_autocomplete_for_a_new_citation_finds_sources_by_alias(client, reviewer):
    sohr = SourceFactory(name="Syrian Observatory for Human Rights")
    SourceAliasFactory(source=sohr, name="OSDH")
    SourceFactory(name="SANA")
    client.force_login(reviewer)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "claims", "model_name": "citation", "field_name": "source", "term": "osdh"},
    )

    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == [sohr.name]


@pytest.fixture
def refuted_outlet(reviewer):
    """An outlet graded B whose two claims, published on 7 December 2024, were contradicted."""
    outlet = SourceFactory(name="State outlet")
    SourceRatingFactory(
        source=outlet, grade=Grade.B, rated_by=reviewer, rated_at=datetime(2024, 12, 1, tzinfo=UTC)
    )
    for number in range(2):
        claim = ClaimFactory(text=f"The capital is calm, report {number}")
        CitationFactory(
            claim=claim,
            source=outlet,
            stance=Stance.ASSERTS,
            published_at=datetime(2024, 12, 7, 12, tzinfo=UTC),
        )
        review_create(
            claim=claim,
            verdict=Verdict.CONTRADICTED,
            evidence_note="Fighting in the suburbs filmed that day.",
            reviewer=reviewer,
        )
    reliability_recompute_all()
    reliability_history_rebuild()
    return outlet


def test_source_page_shows_computed_record_and_reliability_history_chart(
    client, reviewer, refuted_outlet, django_assert_max_num_queries
):
    client.force_login(reviewer)
    # As the rating-history page above, plus the page of the track record.
    with django_assert_max_num_queries(12):
        response = client.get(change_url(refuted_outlet))

    page = response.content.decode()
    record = refuted_outlet.reliability
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="reliability-chart"' in page
    assert 'class="reliability-mean"' in page and 'class="reliability-human-grade"' in page
    assert f"Reliability {record.mean:.2f} (95 % credible interval {record.lower:.2f}–" in page
    assert "human grade B" in page and "2 decided claims" in page
    assert 'name="as_of"' in page


def test_source_page_answers_reliability_as_of_a_date(client, reviewer, refuted_outlet):
    client.force_login(reviewer)

    before_reviews = client.get(change_url(refuted_outlet), {"as_of": "2024-12-07"})
    a_minute_on = (timezone.now() + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M")
    now = client.get(change_url(refuted_outlet), {"as_of": a_minute_on})

    assert "As of 07 Dec 2024 23:59 UTC" in before_reviews.content.decode()
    assert "human grade B; 0 decided claims" in before_reviews.content.decode()
    assert "human grade B; 2 decided claims" in now.content.decode()


def test_source_page_with_a_bad_as_of_date_says_so_and_shows_the_page(
    client, reviewer, refuted_outlet
):
    client.force_login(reviewer)

    response = client.get(change_url(refuted_outlet), {"as_of": "2024-13-45"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Reliability as of: “2024-13-45” is not a real date and time." in page
    assert "Ask for a date with" in page


def test_renaming_a_source_and_an_alias_to_its_new_name_in_one_form_keeps_one_alias(
    client, reviewer
):
    source = SourceFactory(name="Hayat Tahrir al-Sham")
    SourceAliasFactory(source=source, name="HTS")
    client.force_login(reviewer)
    data = form_data(client.get(change_url(source)), "source_form")
    hts_key = next(
        key for key, value in data.items() if key.startswith("aliases-") and value == "HTS"
    )
    data["name"] = data[hts_key] = "HTS Command"

    response = client.post(change_url(source), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    remaining = SourceAlias.objects.filter(source=source).values_list("name", flat=True)
    assert sorted(remaining) == ["HTS Command", "Hayat Tahrir al-Sham"]
