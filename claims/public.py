"""Public fact-check pages: a published claim's verdicts, evidence and sources, readable without
a login at a URL that never changes (the claim's id), with its ClaimReview embedded for search
engines; and an index of them, newest first. Server-rendered, no JavaScript. Publishing is a
reviewer's action (claims.services.claim_publish); anything unpublished answers 404."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from claims.api.claimreview import (
    RATINGS,
    EmbeddableJSONRenderer,
    claim_review_jsonld,
    claim_review_url,
)
from claims.selectors import fact_check_published, fact_checks_published

FACT_CHECKS_PER_PAGE = 25


@require_safe
def fact_check_detail(request, claim_id: int):
    claim = fact_check_published(claim_id=claim_id)
    if claim is None:
        raise Http404("No published fact-check with this id.")
    claim_review = claim_review_jsonld(
        claim=claim, reviewed_at=claim.reviewed_at, url=claim_review_url(request, claim.pk)
    )
    # The renderer escapes <, > and & inside the JSON's strings (as json_script does), so no
    # text in the document can close the <script> element it is embedded in.
    embedded = EmbeddableJSONRenderer().render(claim_review).decode()
    return render(
        request,
        "claims/public/fact_check.html",
        {
            "claim": claim,
            "rating_words": RATINGS[claim.status][1],
            "claim_review_json": mark_safe(embedded),
            "canonical_url": claim_review["url"],
            "citations": list(claim.citations.all()),
            "reviews": claim.standing_reviews,
        },
    )


@require_safe
def fact_check_list(request):
    page = Paginator(fact_checks_published(), FACT_CHECKS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for claim in page:
        claim.rating_words = RATINGS[claim.status][1]
    return render(request, "claims/public/fact_check_list.html", {"page": page})


# Mounted at /fact-checks/ by factcheck/urls.py.
urlpatterns = [
    path("", fact_check_list, name="fact-check-list"),
    path("<int:claim_id>/", fact_check_detail, name="fact-check"),
]
