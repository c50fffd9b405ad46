"""The admin page of what the engine learned from the data, as a reviewer reads it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reliability.models import ReliabilityParameters

pytestmark = pytest.mark.django_db


def learned(*, half_life_days, at, em_strength=None, excess_agreement=0.0):
    return ReliabilityParameters.objects.create(
        population_alpha=7.0,
        population_beta=3.0,
        temperature=0.6,
        half_life_days=half_life_days,
        em_strength=em_strength,
        excess_agreement=excess_agreement,
        combination=[1.0, 0.2],
        learned_at=at,
    )


def test_a_reviewer_reads_the_learned_half_life_and_prior_in_words(client, reviewer):
    now = timezone.now()
    kept = learned(half_life_days=None, at=now)
    stale = learned(half_life_days=120.0, at=now - timedelta(days=1), em_strength=4.5)
    client.force_login(reviewer)

    listing = client.get(reverse("admin:reliability_reliabilityparameters_changelist"))
    page = client.get(reverse("admin:reliability_reliabilityparameters_change", args=[kept.pk]))
    other = client.get(reverse("admin:reliability_reliabilityparameters_change", args=[stale.pk]))

    assert listing.status_code == page.status_code == other.status_code == 200
    assert "none: every statement keeps its full weight" in page.content.decode()
    assert "0.70, 10.0" in page.content.decode()
    assert "120 days" in other.content.decode()
    assert "all its statements: the reviews agree with the model" in page.content.decode()
    assert "4.5 statements" in other.content.decode()


def test_nobody_edits_what_the_engine_learned(client, reviewer, staff):
    parameters = learned(half_life_days=30.0, at=timezone.now())
    for user in (reviewer, staff):
        client.force_login(user)

        add = client.get(reverse("admin:reliability_reliabilityparameters_add"))
        change = client.post(
            reverse("admin:reliability_reliabilityparameters_change", args=[parameters.pk]),
            {"temperature": "1.0"},
        )
        delete = client.post(
            reverse("admin:reliability_reliabilityparameters_delete", args=[parameters.pk]),
            {"post": "yes"},
        )

        assert add.status_code == 403 and change.status_code == 403 and delete.status_code == 403
    assert ReliabilityParameters.objects.get().temperature == 0.6


def test_a_reviewer_reads_how_far_shared_mistakes_discount_agreeing_voices(client, reviewer):
    now = timezone.now()
    independent = learned(half_life_days=None, at=now)
    shared = learned(half_life_days=None, at=now - timedelta(days=1), excess_agreement=0.1)
    client.force_login(reviewer)

    plain = client.get(
        reverse("admin:reliability_reliabilityparameters_change", args=[independent.pk])
    )
    discounted = client.get(
        reverse("admin:reliability_reliabilityparameters_change", args=[shared.pk])
    )

    assert "none seen: ten agreeing voices count as ten" in plain.content.decode()
    assert "ten agreeing voices count as 5.3" in discounted.content.decode()
