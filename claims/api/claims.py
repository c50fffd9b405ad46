"""Claims over the REST API: list (filters, full-text search, cursor pages), detail with citations,
reviews and similar claims, create with a first citation, add citations, reviewers' verdicts.
Views parse input and call claims.services; reads come from claims.selectors."""

from datetime import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response

from claims.models import (
    SEARCH_RANKED_MATCHES,
    Citation,
    Claim,
    ClaimStatus,
    Credibility,
    LinkState,
    Stance,
    Verdict,
    credibility_words,
)
from claims.selectors import (
    CLAIM_COLUMNS,
    CLAIM_LIST_FIELDS,
    SIMILAR_CLAIM_THRESHOLD,
    claim_contradicted_by,
    claim_detail,
    claim_list,
    claim_list_about,
    claim_list_assigned,
    claim_list_citing,
    claim_list_reviewed_since,
    claim_search,
    claims_filter_due,
)
from claims.services import (
    ClaimDuplicate,
    ClaimTakenByAnother,
    citation_create,
    claim_assign,
    claim_create,
    claim_merge,
    claim_note_create,
    claim_unassign,
    review_create,
)
from factcheck.api import (
    Conflict,
    CursorPagination,
    FilterBackend,
    FilterSet,
    UTCDateTimeFilter,
    error_body,
)
from factcheck.api_policy import IsJournalist, IsReviewer
from factcheck.text import CLAIM_MAX_TAGS, CLAIM_TEXT_MAX_LENGTH, LONG_TEXT_MAX_LENGTH
from sources.api import SourceReferenceField, SourceRefSerializer
from sources.selectors import source_resolve

LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"

# ?ordering= value -> cursor ordering. Every ordering ends in the primary key so that the
# cursor is stable; "first_reported_at" falls back to the entry time for claims with no report.
CLAIM_ORDERINGS = {
    "-created_at": ("-created_at", "-id"),
    "created_at": ("created_at", "id"),
    "-first_reported_at": ("-reported_order", "-id"),
    "first_reported_at": ("reported_order", "id"),
    "-relevance": ("-rank", "-id"),
}


class ClaimFilter(FilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        help_text="Full-text search over claim text (stemmed in the claim's language) and "
        'citation quotes; web-search syntax: `"exact phrase"`, `or`, `-excluded`. '
        "Results are ranked, best first, unless `ordering` says otherwise.",
    )
    language = django_filters.CharFilter(
        help_text="BCP 47 tag, e.g. `en`; with `q`, also the language the query is parsed in."
    )
    # distinct=False: a claim has one status, and DISTINCT over a page would sort every match.
    status = django_filters.MultipleChoiceFilter(choices=ClaimStatus.choices, distinct=False)
    credibility_min = django_filters.TypedChoiceFilter(
        field_name="credibility",
        lookup_expr="gte",
        choices=Credibility.choices,
        coerce=int,
        help_text="Admiralty credibility at least this number (1 confirmed .. 6 cannot be judged).",
    )
    credibility_max = django_filters.TypedChoiceFilter(
        field_name="credibility", lookup_expr="lte", choices=Credibility.choices, coerce=int
    )
    source = django_filters.CharFilter(
        method="filter_source",
        help_text="Claims this source stated or denied: slug, name or alias.",
    )
    topic = django_filters.CharFilter(lookup_expr="iexact")
    tag = django_filters.CharFilter(method="filter_tag")
    place = django_filters.CharFilter(field_name="place_name", lookup_expr="icontains")
    about_after = UTCDateTimeFilter(
        method="filter_about_after", help_text="The time the claim is about ends at or after this."
    )
    about_before = UTCDateTimeFilter(
        method="filter_about_before",
        help_text="The time the claim is about starts at or before this.",
    )
    first_reported_after = UTCDateTimeFilter(field_name="first_reported_at", lookup_expr="gte")
    first_reported_before = UTCDateTimeFilter(field_name="first_reported_at", lookup_expr="lte")
    reviewed_since = UTCDateTimeFilter(
        method="filter_reviewed_since", help_text="Claims with a review recorded at or after this."
    )
    due = django_filters.BooleanFilter(
        method="filter_due",
        help_text="`true`: claims due for re-check (unverified too long, the time they speak of "
        "has passed, a citing source was regraded, or a new citation contradicts their status) "
        "and not reviewed since; `false`: all others.",
    )
    assignee = django_filters.CharFilter(
        method="filter_assignee",
        help_text="Claims this reviewer is checking: a user name, or `me`.",
    )
    assigned = django_filters.BooleanFilter(
        method="filter_assigned",
        help_text="`true`: someone is checking them; `false`: nobody is.",
    )
    ordering = django_filters.ChoiceFilter(
        method="filter_ordering",
        choices=[(value, value) for value in CLAIM_ORDERINGS],
        help_text="Default: `-relevance` with `q`, else `-created_at`.",
    )

    class Meta:
        model = Claim
        fields = []

    def filter_queryset(self, queryset):
        # Search last: ranked by relevance, it keeps the newest matches of the claims the other
        # filters leave, so it must see them applied.
        search = self.form.cleaned_data.get("q")
        queryset = super().filter_queryset(queryset)
        if search:
            by_relevance = self.form.cleaned_data.get("ordering") in (None, "", "-relevance")
            queryset = claim_search(
                queryset,
                query=search,
                language=self.form.cleaned_data.get("language"),
                newest=SEARCH_RANKED_MATCHES if by_relevance else None,
            )
        return queryset

    def filter_search(self, queryset, name, value):
        return queryset  # applied after the other filters, in filter_queryset

    def filter_source(self, queryset, name, value):
        source = source_resolve(name=value)
        if source is None:
            raise exceptions.ValidationError({"source": [f"No source is known by “{value}”."]})
        return claim_list_citing(queryset, source=source)

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__contains=[value])

    def filter_about_after(self, queryset, name, value):
        return claim_list_about(queryset, after=value)

    def filter_about_before(self, queryset, name, value):
        return claim_list_about(queryset, before=value)

    def filter_reviewed_since(self, queryset, name, value):
        return claim_list_reviewed_since(queryset, since=value)

    def filter_due(self, queryset, name, value):
        return claims_filter_due(queryset, due=value)

    def filter_assignee(self, queryset, name, value):
        if value == "me":
            return claim_list_assigned(queryset, assignee=self.request.user)
        return queryset.filter(assignment__assignee__username=value)

    def filter_assigned(self, queryset, name, value):
        return claim_list_assigned(queryset, assigned=value)

    def filter_ordering(self, queryset, name, value):
        # Applied by the cursor pagination, which must know the ordering to encode positions.
        return queryset


class ClaimFieldsSerializer(serializers.Serializer):
    """What a claim says and is about, the same in lists and in detail."""

    id = serializers.IntegerField()
    text = serializers.CharField()
    language = serializers.CharField()
    topic = serializers.CharField(allow_blank=True)
    tags = serializers.ListField(child=serializers.CharField())
    place_name = serializers.CharField(allow_blank=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    about_start = serializers.DateTimeField(allow_null=True)
    about_end = serializers.DateTimeField(allow_null=True)
    first_reported_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(
        allow_null=True,
        help_text="When its public fact-check page was published; null while it is not.",
    )


CREDIBILITY_WORDS_HELP = (
    "The credibility in words that fit how it was reached: a verdict's own words (superseded reads "
    "“true when made, since overtaken”), else the Admiralty meaning of the number."
)


BEING_CHECKED_BY_HELP = (
    "The reviewer checking the claim now (work in progress, apart from the status); null when "
    "nobody is."
)


class ClaimListOutputSerializer(ClaimFieldsSerializer):
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    credibility = serializers.ChoiceField(choices=Credibility.choices)
    credibility_words = serializers.CharField(help_text=CREDIBILITY_WORDS_HELP)
    citation_count = serializers.IntegerField()
    last_reviewed_at = serializers.DateTimeField(allow_null=True)
    being_checked_by = serializers.CharField(allow_null=True, help_text=BEING_CHECKED_BY_HELP)
    being_checked_since = serializers.DateTimeField(allow_null=True)
    rank = serializers.FloatField(required=False, help_text="Search relevance; only with `q`.")


class LinkCheckOutputSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=LinkState.choices)
    checked_at = serializers.DateTimeField()
    http_status = serializers.IntegerField(allow_null=True)
    final_url = serializers.CharField(allow_blank=True)
    flagged = serializers.BooleanField(
        help_text="The page disappeared or changed since it was first checked."
    )


class CitationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    source = SourceRefSerializer()
    stance = serializers.ChoiceField(choices=Stance.choices)
    quote = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    via = SourceRefSerializer(allow_null=True, help_text="The outlet that relayed the statement.")
    created_at = serializers.DateTimeField()
    link_check = LinkCheckOutputSerializer(
        allow_null=True, help_text="The scheduled link check's latest result; null until checked."
    )


class IdListField(serializers.ListField):
    """The primary keys of a related manager's objects."""

    child = serializers.IntegerField()

    def to_representation(self, data):
        return [item.pk for item in data.all()]


class ReviewOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    effective_at = serializers.DateTimeField()
    evidence_note = serializers.CharField()
    evidence_url = serializers.CharField(allow_blank=True)
    evidence_citations = IdListField(help_text="Ids of the citations given as evidence.")
    evidence_published_at = serializers.DateTimeField(
        help_text="When the evidence became public: the verdict counts from then."
    )
    reviewer = serializers.CharField(source="reviewer.username")
    created_at = serializers.DateTimeField()


class NoteOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField()
    text = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()


class SimilarClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    credibility = serializers.ChoiceField(choices=Credibility.choices)
    similarity = serializers.FloatField(help_text="Trigram similarity, 0..1.")


class ContradictingClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    status = serializers.ChoiceField(choices=ClaimStatus.choices)


class ExplainedStatementSerializer(serializers.Serializer):
    source = serializers.CharField()
    source_id = serializers.IntegerField()
    stance = serializers.ChoiceField(choices=Stance.choices)
    via = serializers.CharField(allow_null=True, help_text="The outlet that relayed it.")
    reliability = serializers.FloatField(help_text="The source's computed reliability.")
    share = serializers.FloatField(
        help_text="Share of an independent voice (1: independent; less when affiliated sources "
        "or copiers said the same)."
    )
    log_odds = serializers.FloatField(
        help_text="What it added to the log-odds that the claim is true."
    )
    counted = serializers.ChoiceField(
        choices=[("for", "for"), ("against", "against")],
        allow_null=True,
        help_text="What a verdict on the claim did to the source's record; null when unreviewed.",
    )


class ExplainedVoiceSerializer(serializers.Serializer):
    voice = serializers.CharField(
        help_text="The root of the affiliation its sources share (they count as one voice)."
    )
    log_odds = serializers.FloatField()
    shift = serializers.FloatField(
        help_text="How far the probability would fall (negative: rise) without this voice."
    )
    statements = ExplainedStatementSerializer(many=True)


class CredibilityExplanationSerializer(serializers.Serializer):
    probability = serializers.FloatField(help_text="Probability the claim is true.")
    credibility = serializers.ChoiceField(choices=Credibility.choices)
    basis = serializers.ChoiceField(
        choices=[("review", "review"), ("sources", "sources"), ("none", "none")],
        help_text="`review`: a verdict stands; `sources`: inferred from who said what; `none`: "
        "nobody was cited.",
    )
    status = serializers.ChoiceField(choices=ClaimStatus.choices)
    from_sources = serializers.FloatField(
        allow_null=True, help_text="What the sources alone say; null when nobody was cited."
    )
    voices = ExplainedVoiceSerializer(many=True, help_text="Biggest influence first.")


class ClaimDetailOutputSerializer(ClaimFieldsSerializer):
    created_by = serializers.CharField(source="created_by.username", allow_null=True, default=None)
    status = serializers.ChoiceField(
        choices=ClaimStatus.choices, help_text="Derived from the reviewers' standing verdicts."
    )
    credibility = serializers.ChoiceField(choices=Credibility.choices, help_text="Admiralty 1–6.")
    credibility_words = serializers.CharField(help_text=CREDIBILITY_WORDS_HELP)
    credibility_probability = serializers.FloatField(
        allow_null=True, help_text="Probability the claim is true; null until first computed."
    )
    credibility_explanation = CredibilityExplanationSerializer(
        allow_null=True,
        help_text="Which voices pushed the probability up or down, and by how much; null until "
        "first computed.",
    )
    being_checked_by = serializers.CharField(allow_null=True, help_text=BEING_CHECKED_BY_HELP)
    being_checked_since = serializers.DateTimeField(allow_null=True)
    citations = CitationOutputSerializer(many=True)
    reviews = ReviewOutputSerializer(many=True, help_text="Newest first.")
    notes = NoteOutputSerializer(many=True, help_text="Reviewers' working notes, oldest first.")
    similar_claims = SimilarClaimSerializer(
        many=True, help_text="Likely duplicates by trigram similarity, most similar first."
    )
    contradicted_by = ContradictingClaimSerializer(
        many=True, help_text="Claims linked by a reviewer as contradicting this one, by id."
    )


def _source_ref(source) -> dict | None:
    return {"slug": source.slug, "name": source.name} if source else None


def citation_data(citation) -> dict:
    return {
        "id": citation.pk,
        "source": _source_ref(citation.source),
        "stance": citation.stance,
        "quote": citation.quote,
        "url": citation.url,
        "published_at": citation.published_at,
        "via": _source_ref(citation.via),
        "created_at": citation.created_at,
        "link_check": _link_check(getattr(citation, "link_check", None)),
    }


def _link_check(check) -> dict | None:
    if check is None:
        return None
    return {
        "state": check.state,
        "checked_at": check.checked_at,
        "http_status": check.http_status,
        "final_url": check.final_url,
        "flagged": check.flagged,
    }


def review_data(review) -> dict:
    return {
        "id": review.pk,
        "verdict": review.verdict,
        "effective_at": review.effective_at,
        "evidence_note": review.evidence_note,
        "evidence_url": review.evidence_url,
        "evidence_citations": list(review.evidence_citation_ids),
        "evidence_published_at": review.evidence_published_at or review.created_at,
        "reviewer": review.reviewer.username,
        "created_at": review.created_at,
    }


def _datetime(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _source_ref_from_row(ref: dict | None) -> dict | None:
    return ref and {"slug": ref["slug"], "name": ref["name"]}


def _citation_from_row(row: dict) -> dict:
    check = row["link_check"]
    return {
        **row,
        "source": _source_ref_from_row(row["source"]),
        "via": _source_ref_from_row(row["via"]),
        "published_at": _datetime(row["published_at"]),
        "created_at": _datetime(row["created_at"]),
        "link_check": check
        and {name: check[name] for name in LinkCheckOutputSerializer._declared_fields}
        | {"checked_at": _datetime(check["checked_at"])},
    }


def _review_from_row(row: dict) -> dict:
    return {
        **row,
        "effective_at": _datetime(row["effective_at"]),
        "evidence_published_at": _datetime(row["evidence_published_at"]),
        "created_at": _datetime(row["created_at"]),
    }


def claim_detail_data(claim: Claim) -> dict:
    """The detail as plain data (documented by ClaimDetailOutputSerializer) from claim_detail's
    one query: the API's most read object, built without a serializer per nested row."""
    # Fields in the documented order, whatever order the JSON objects came in.
    return {
        **{name: getattr(claim, name) for name in CLAIM_COLUMNS},
        "credibility_words": claim.credibility_words,
        "credibility_explanation": claim.credibility_explanation or None,
        "created_by": claim.created_by_username,
        "being_checked_by": claim.being_checked_by,
        "being_checked_since": claim.being_checked_since,
        "citations": [
            {name: row[name] for name in CitationOutputSerializer._declared_fields}
            for row in map(_citation_from_row, claim.citation_rows)
        ],
        "reviews": [
            {name: row[name] for name in ReviewOutputSerializer._declared_fields}
            for row in map(_review_from_row, claim.review_rows)
        ],
        "notes": [
            {name: row[name] for name in NoteOutputSerializer._declared_fields}
            | {"created_at": _datetime(row["created_at"])}
            for row in claim.note_rows
        ],
        "similar_claims": [
            {name: row[name] for name in SimilarClaimSerializer._declared_fields}
            for row in claim.similar_rows
            if row["similarity"] >= SIMILAR_CLAIM_THRESHOLD
        ],
        "contradicted_by": claim_contradicted_by(claim),
    }


class CitationInputSerializer(serializers.Serializer):
    source = SourceReferenceField(help_text="Who made the statement: slug, name or alias.")
    stance = serializers.ChoiceField(choices=Stance.choices, default=Stance.ASSERTS)
    quote = serializers.CharField(
        max_length=LONG_TEXT_MAX_LENGTH, required=False, default="", allow_blank=True
    )
    url = serializers.URLField(max_length=2000, required=False, default="", allow_blank=True)
    published_at = serializers.DateTimeField(required=False, default=None, allow_null=True)
    via = SourceReferenceField(
        required=False, default=None, allow_null=True, help_text="The outlet that relayed it."
    )


class ClaimListCreateApi(generics.GenericAPIView):
    pagination_class = CursorPagination
    filterset_class = ClaimFilter
    filter_backends = [FilterBackend]
    permission_classes = [IsJournalist]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ClaimInput"

        text = serializers.CharField(max_length=CLAIM_TEXT_MAX_LENGTH)
        language = serializers.RegexField(LANGUAGE_TAG, max_length=8, default="en")
        topic = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
        tags = serializers.ListField(
            child=serializers.CharField(max_length=50),
            max_length=CLAIM_MAX_TAGS,
            required=False,
            default=list,
        )
        place_name = serializers.CharField(
            max_length=200, required=False, default="", allow_blank=True
        )
        latitude = serializers.FloatField(
            min_value=-90, max_value=90, required=False, default=None, allow_null=True
        )
        longitude = serializers.FloatField(
            min_value=-180, max_value=180, required=False, default=None, allow_null=True
        )
        about_start = serializers.DateTimeField(required=False, default=None, allow_null=True)
        about_end = serializers.DateTimeField(required=False, default=None, allow_null=True)
        first_reported_at = serializers.DateTimeField(required=False, default=None, allow_null=True)
        citation = CitationInputSerializer(help_text="The first appearance of the claim.")

    def get_queryset(self):
        # A merged claim is a pointer to the claim kept, not a claim of its own.
        return claim_list(include_merged=False)

    def pagination_ordering(self, request):
        requested = request.query_params.get("ordering")
        # As the q filter sees it: blank queries are no search.
        searching = bool(request.query_params.get("q", "").strip())
        if requested in CLAIM_ORDERINGS and (requested != "-relevance" or searching):
            return CLAIM_ORDERINGS[requested]
        return CLAIM_ORDERINGS["-relevance" if searching else "-created_at"]

    @extend_schema(
        operation_id="claims_list", responses={200: ClaimListOutputSerializer(many=True)}
    )
    def get(self, request):
        # One query for the page (auth adds one for the token), whatever the page size.
        queryset = self.filter_queryset(self.get_queryset())
        searching = "rank" in queryset.query.annotations
        fields = CLAIM_LIST_FIELDS + (("rank",) if searching else ())
        ordering_field = self.pagination_ordering(request)[0].lstrip("-")
        page = self.paginate_queryset(queryset.values(*fields, ordering_field))
        return self.get_paginated_response(
            [
                {
                    **{name: row[name] for name in fields},
                    "credibility_words": credibility_words(
                        credibility=row["credibility"], status=row["status"]
                    ),
                }
                for row in page
            ]
        )

    @extend_schema(
        operation_id="claims_create",
        request=InputSerializer,
        responses={201: ClaimDetailOutputSerializer},
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        citation = fields.pop("citation")
        try:
            claim = claim_create(created_by=request.user, citations=[citation], **fields)
        except ClaimDuplicate as duplicate:
            body = error_body(
                status_code=409, code="duplicate", detail=duplicate.message_dict["text"][0]
            )
            return Response(
                {**body, "existing_id": duplicate.existing.pk}, status=status.HTTP_409_CONFLICT
            )
        return Response(
            claim_detail_data(claim_detail(claim_id=claim.pk)), status=status.HTTP_201_CREATED
        )


class CitationCreateApi(generics.GenericAPIView):
    permission_classes = [IsJournalist]

    @extend_schema(
        operation_id="claims_citations_create",
        request=CitationInputSerializer,
        responses={201: CitationOutputSerializer},
    )
    def post(self, request, claim_id):
        claim = get_object_or_404(Claim, pk=claim_id)
        data = CitationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        citation = citation_create(claim=claim, created_by=request.user, **data.validated_data)
        return Response(citation_data(citation), status=status.HTTP_201_CREATED)


class ReviewCreateApi(generics.GenericAPIView):
    permission_classes = [IsReviewer]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ReviewInput"

        verdict = serializers.ChoiceField(choices=Verdict.choices)
        evidence_note = serializers.CharField(max_length=LONG_TEXT_MAX_LENGTH)
        evidence_url = serializers.URLField(
            max_length=2000, required=False, default="", allow_blank=True
        )
        effective_at = serializers.DateTimeField(
            required=False,
            default=None,
            help_text="The time the verdict speaks of; for superseded, when the claim stopped "
            "being true, and required. Now if omitted for the other verdicts.",
        )
        evidence_citations = serializers.ListField(
            child=serializers.IntegerField(min_value=1),
            required=False,
            default=list,
            help_text="Ids of this claim's citations that support the verdict.",
        )
        evidence_published_at = serializers.DateTimeField(
            required=False,
            default=None,
            help_text="When the evidence became public (not in the future); point-in-time answers "
            "count the verdict from then. Now if omitted: give it when entering an archive.",
        )

    class OutputSerializer(ReviewOutputSerializer):
        class Meta:
            ref_name = "ReviewCreated"

        claim_status = serializers.ChoiceField(
            source="claim.status", choices=ClaimStatus.choices, help_text="The claim's new status."
        )

    @extend_schema(
        operation_id="claims_reviews_create",
        request=InputSerializer,
        responses={201: OutputSerializer},
    )
    def post(self, request, claim_id):
        claim = get_object_or_404(Claim, pk=claim_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        wanted = set(fields.pop("evidence_citations"))
        evidence = list(Citation.objects.filter(pk__in=wanted))
        unknown = wanted - {citation.pk for citation in evidence}
        if unknown:
            raise exceptions.ValidationError(
                {"evidence_citations": [f"No citation has id {pk}." for pk in sorted(unknown)]}
            )
        # Whether they are this claim's citations is review_create's rule, for every caller.
        review = review_create(
            claim=claim, reviewer=request.user, evidence_citations=evidence, **fields
        )
        review.evidence_citation_ids = sorted(citation.pk for citation in evidence)
        return Response(
            {**review_data(review), "claim_status": review.claim.status},
            status=status.HTTP_201_CREATED,
        )


class AssignmentOutputSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim_id")
    being_checked_by = serializers.CharField(source="assignee.username")
    being_checked_since = serializers.DateTimeField(source="assigned_at")
    assigned_by = serializers.CharField(
        source="assigned_by.username", allow_null=True, default=None
    )


class ClaimAssignmentApi(generics.GenericAPIView):
    """Who is checking a claim: take it (no `assignee`), give it to a reviewer, or let it go."""

    permission_classes = [IsReviewer]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "AssignmentInput"

        assignee = serializers.CharField(
            required=False,
            max_length=150,
            help_text="User name of the reviewer to check it; yourself if omitted.",
        )
        reassign = serializers.BooleanField(
            default=False,
            help_text="Take it over from the reviewer checking it now; without it that is a 409.",
        )

    @extend_schema(
        operation_id="claims_assignment_update",
        request=InputSerializer,
        responses={200: AssignmentOutputSerializer},
    )
    def put(self, request, claim_id):
        claim = get_object_or_404(Claim, pk=claim_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        username = data.validated_data.get("assignee")
        assignee = request.user
        if username is not None:
            assignee = get_user_model().objects.filter(username=username).first()
            if assignee is None:
                raise exceptions.ValidationError({"assignee": [f"No user is called “{username}”."]})
        try:
            assignment = claim_assign(
                claim=claim,
                assignee=assignee,
                assigned_by=request.user,
                reassign=data.validated_data["reassign"],
            )
        except ClaimTakenByAnother as taken:
            raise Conflict(str(taken)) from None
        return Response(AssignmentOutputSerializer(assignment).data)

    @extend_schema(operation_id="claims_assignment_destroy", responses={204: None})
    def delete(self, request, claim_id):
        claim = get_object_or_404(Claim, pk=claim_id)
        claim_unassign(claim=claim)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ClaimNoteCreateApi(generics.GenericAPIView):
    """A reviewer's working note on a claim; notes are append-only."""

    permission_classes = [IsReviewer]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "NoteInput"

        text = serializers.CharField(max_length=LONG_TEXT_MAX_LENGTH)
        url = serializers.URLField(max_length=2000, required=False, default="", allow_blank=True)

    @extend_schema(
        operation_id="claims_notes_create",
        request=InputSerializer,
        responses={201: NoteOutputSerializer},
    )
    def post(self, request, claim_id):
        claim = get_object_or_404(Claim, pk=claim_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = claim_note_create(claim=claim, author=request.user, **data.validated_data)
        return Response(
            {
                "id": note.pk,
                "author": note.author.username,
                "text": note.text,
                "url": note.url,
                "created_at": note.created_at,
            },
            status=status.HTTP_201_CREATED,
        )


class ClaimMergeApi(generics.GenericAPIView):
    """A reviewer folds this claim, a duplicate, into another (`into`): its citations, reviews
    and notes move there, and this claim's URL answers 301 to that one from then on."""

    permission_classes = [IsReviewer]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ClaimMergeInput"

        into = serializers.IntegerField(help_text="Id of the claim to keep.")

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ClaimMergeOutput"

        id = serializers.IntegerField()
        merged_into = serializers.IntegerField()

    @extend_schema(
        operation_id="claims_merge", request=InputSerializer, responses={200: OutputSerializer}
    )
    def post(self, request, claim_id):
        duplicate = get_object_or_404(Claim, pk=claim_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        kept = Claim.objects.filter(pk=data.validated_data["into"]).first()
        if kept is None:
            raise exceptions.ValidationError({"into": "No claim with this id."})
        duplicate = claim_merge(duplicate=duplicate, kept=kept, merged_by=request.user)
        return Response({"id": duplicate.pk, "merged_into": duplicate.merged_into_id})
