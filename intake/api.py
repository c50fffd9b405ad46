"""POST /api/v1/intake/: import an article; a worker reads it into proposals (202 and a URL to poll,
or the proposals at once when they are ready within INTAKE_SYNC_WAIT seconds).
GET /api/v1/intake/<article>/: the article's reading status and proposals.
POST /api/v1/intake/<article>/accept/: accept the proposals at the positions listed, and only those.
PATCH /api/v1/intake/<article>/proposals/<position>/: correct a pending proposal before accepting
it.

Authentication, the journalist role, throttles and the error shape are the API's defaults
(factcheck.api, factcheck.api_policy): accepting proposals submits claims and citations, which
journalists may do. The work is done by the intake services.
"""

import time

from django.core.exceptions import ValidationError as ModelValidationError
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import Claim, Stance
from factcheck.api import Conflict
from factcheck.api_policy import ROLE_REVIEWER, user_has_role
from factcheck.text import CLAIM_TEXT_MAX_LENGTH
from intake.fetch import FetchError
from intake.models import (
    ArticleImport,
    ExtractionStatus,
    IntakeProposal,
    ProposalRelation,
    ProposalStatus,
)
from intake.selectors import proposal_list
from intake.services import article_import_create, article_proposals_accept, intake_proposal_correct
from intake.tasks import intake_article_enqueue
from intake.text import ArticleInputError
from sources.models import SourceKind
from sources.selectors import source_resolve


class ProposedSourceSerializer(serializers.Serializer):
    class Meta:
        ref_name = "IntakeProposedSource"

    id = serializers.IntegerField(allow_null=True, help_text="The stored source; null when new.")
    name = serializers.CharField()
    kind = serializers.CharField(allow_blank=True, help_text="A source kind; guessed when new.")
    parent = serializers.CharField(allow_blank=True, help_text="Affiliation named in the article.")
    known = serializers.BooleanField(help_text="Whether the name resolved to a stored source.")


class ProposedViaSerializer(serializers.Serializer):
    class Meta:
        ref_name = "IntakeProposedVia"

    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()


class ProposedMatchSerializer(serializers.Serializer):
    class Meta:
        ref_name = "IntakeMatch"

    relation = serializers.ChoiceField(choices=ProposalRelation.choices)
    claim_id = serializers.IntegerField(allow_null=True)
    claim_text = serializers.CharField(allow_null=True)
    score = serializers.FloatField()


class ProposalOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "IntakeProposal"

    position = serializers.IntegerField(help_text="Give it in `accept` to accept this proposal.")
    text = serializers.CharField(help_text="The statement as a stand-alone claim.")
    stance = serializers.ChoiceField(choices=Stance.choices)
    quote = serializers.CharField(allow_blank=True)
    source = serializers.SerializerMethodField()
    via = serializers.SerializerMethodField()
    about = serializers.DateField(allow_null=True, help_text="The day the statement is about.")
    match = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    citation_id = serializers.IntegerField(allow_null=True)
    review_notes = serializers.CharField(
        allow_blank=True, help_text="What to check before accepting."
    )

    @staticmethod
    def get_source(proposal) -> ProposedSourceSerializer:
        return {
            "id": proposal.source_id,
            "name": proposal.source_name,
            "kind": proposal.source_kind,
            "parent": proposal.source_parent_name,
            "known": proposal.source_id is not None,
        }

    @staticmethod
    def get_via(proposal) -> ProposedViaSerializer(allow_null=True):
        if not (proposal.via_id or proposal.via_name):
            return None
        return {
            "id": proposal.via_id,
            "name": proposal.via.name if proposal.via else proposal.via_name,
        }

    @staticmethod
    def get_match(proposal) -> ProposedMatchSerializer:
        return {
            "relation": proposal.relation,
            "claim_id": proposal.matched_claim_id,
            "claim_text": proposal.matched_claim.text if proposal.matched_claim else None,
            "score": proposal.score,
        }


class ArticleOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "IntakeArticle"

    id = serializers.IntegerField()
    language = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    outlet = serializers.CharField(
        allow_blank=True, help_text="Relays every statement it reports others making."
    )
    topic = serializers.CharField(
        allow_blank=True, help_text="New claims accepted from it take this topic."
    )
    status = serializers.ChoiceField(
        choices=ExtractionStatus.choices, help_text="Proposals are listed once done."
    )
    created = serializers.BooleanField(help_text="False when this text was imported before.")


class IntakeOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "IntakeResult"

    article = ArticleOutputSerializer()
    notice = serializers.CharField(allow_blank=True)
    poll = serializers.CharField(
        help_text="GET this URL for the status and, once done, the proposals."
    )
    proposals = ProposalOutputSerializer(many=True)


# How long the import request waits for a worker that reads the article quickly.
INTAKE_SYNC_WAIT = 1.0
# A queued article no worker has picked up after this long is sent again when polled (lost message).
INTAKE_REQUEUE_AFTER = 30


def _article_body(article: ArticleImport, *, created: bool, notice: str = "") -> dict:
    done = article.extraction_status == ExtractionStatus.DONE
    return {
        "article": {
            "id": article.pk,
            "language": article.language,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet_name,
            "topic": article.topic,
            "status": article.extraction_status,
            "created": created,
        },
        "notice": notice or article.extraction_error,
        "poll": reverse("intake-article", kwargs={"article_id": article.pk}),
        "proposals": proposal_list(article=article) if done else [],
    }


def _wait_for_reading(article: ArticleImport, seconds: float) -> ArticleImport:
    deadline = time.monotonic() + seconds
    while (
        article.extraction_status in (ExtractionStatus.QUEUED, ExtractionStatus.RUNNING)
        and time.monotonic() < deadline
    ):
        time.sleep(0.05)
        article.refresh_from_db(fields=["extraction_status", "extraction_error"])
    return article


def _requeue_if_lost(article: ArticleImport) -> None:
    if (
        article.extraction_status == ExtractionStatus.QUEUED
        and (timezone.now() - article.created_at).total_seconds() > INTAKE_REQUEUE_AFTER
    ):
        intake_article_enqueue(article.pk)


def _reading_response(article: ArticleImport, *, created: bool, notice: str = "") -> Response:
    body = IntakeOutputSerializer(_article_body(article, created=created, notice=notice)).data
    if article.extraction_status in (ExtractionStatus.QUEUED, ExtractionStatus.RUNNING):
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["poll"]})
    return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class ArticleIntakeApi(APIView):
    """Import an article (text or HTML, with the URL it was published at; or a URL to fetch). A
    worker reads it and proposes the attributed claims in it, each with its source, stance, relay
    and the known claim it matches: 202 with a URL to poll, or the proposals at once when they are
    ready within a second. Nothing is saved as a claim here unless `commit` is true and `accept`
    lists positions of proposals already shown (posting the same article again); posting the same
    article again proposes nothing new."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "IntakeInput"

        text = serializers.CharField(
            required=False, allow_blank=True, trim_whitespace=False, default=""
        )
        html = serializers.CharField(
            required=False, allow_blank=True, trim_whitespace=False, default=""
        )
        url = serializers.URLField(
            required=False,
            allow_blank=True,
            max_length=2000,
            default="",
            help_text=(
                "Alone: fetched, only from public addresses, with the FETCH_* limits. With text "
                "or html: where the article was published, recorded on the citations, not fetched."
            ),
        )
        topic = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=100,
            default="",
            help_text="The topic new claims from this article take.",
        )
        outlet = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=200,
            default="",
            help_text="The outlet that published the article: name, alias or slug.",
        )
        published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        commit = serializers.BooleanField(
            required=False,
            default=False,
            help_text="Accept proposals at once: they become citations of the matched claims, "
            "or new claims.",
        )
        accept = serializers.ListField(
            child=serializers.IntegerField(min_value=1),
            required=False,
            allow_empty=True,
            help_text=(
                "With commit=true, the positions of the proposals to accept, as they were shown "
                "for this article; required. Only proposals of an article imported before can be "
                "accepted."
            ),
        )

        def validate(self, data):
            given = [name for name in ("text", "html") if data[name].strip()]
            if not given and not data["url"].strip():
                raise serializers.ValidationError(
                    {"text": ["Give the article as text, html or url."]}
                )
            if len(given) > 1:
                raise serializers.ValidationError(
                    {
                        given[1]: [
                            (
                                "Give the article one way only: text or html (with its url if you "
                                "like)."
                            )
                        ]
                    }
                )
            if data["commit"] and not data.get("accept"):
                raise serializers.ValidationError(
                    {
                        "accept": [
                            "List the positions of the proposals to accept; nothing was accepted."
                        ]
                    }
                )
            return data

    @extend_schema(
        operation_id="intake_create",
        request=InputSerializer,
        responses={
            202: OpenApiResponse(
                IntakeOutputSerializer, description="Being read: poll the URL given."
            ),
            201: OpenApiResponse(
                IntakeOutputSerializer, description="The article was new and read at once."
            ),
            200: OpenApiResponse(
                IntakeOutputSerializer,
                description="The article was imported before: its proposals.",
            ),
        },
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            result = article_import_create(
                text=data["text"],
                html=data["html"],
                url=data["url"],
                outlet_name=data["outlet"],
                published_at=data["published_at"],
                topic=data["topic"],
                created_by=request.user,
                defer=True,
            )
        except ArticleInputError as error:
            raise exceptions.ValidationError({error.field: [str(error)]}) from error
        except FetchError as error:
            raise exceptions.ValidationError({"url": [str(error)]}) from error
        article, notice = result.article, result.notice
        if result.created:
            intake_article_enqueue(article.pk)
            article = _wait_for_reading(article, INTAKE_SYNC_WAIT)
            if data["commit"]:
                notice = (
                    "Nothing was accepted: this article is new and its proposals have not been "
                    "shown. "
                    "Accept them by position once you have read them."
                )
        else:
            _requeue_if_lost(article)
            if data["commit"]:
                _accept_positions(article, data["accept"], request.user)
        return _reading_response(article, created=result.created, notice=notice)


def _accept_positions(article: ArticleImport, positions: list[int], user) -> None:
    try:
        article_proposals_accept(article=article, positions=positions, user=user)
    except ModelValidationError as error:
        raise exceptions.ValidationError(error.message_dict) from error


class ArticleIntakeDetailApi(APIView):
    """An imported article's reading status and, once read, its proposals."""

    @extend_schema(operation_id="intake_retrieve", responses={200: IntakeOutputSerializer})
    def get(self, request, article_id):
        article = get_object_or_404(ArticleImport, pk=article_id)
        _requeue_if_lost(article)
        body = IntakeOutputSerializer(_article_body(article, created=False)).data
        return Response(body)


class ArticleIntakeAcceptApi(APIView):
    """Accept the proposals at the positions listed, and only those: each becomes a citation of its
    matched claim (or a new claim) exactly as shown. No list is refused, and nothing is accepted."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "IntakeAcceptInput"

        accept = serializers.ListField(
            child=serializers.IntegerField(min_value=1),
            allow_empty=False,
            help_text="The positions of the proposals to accept.",
        )

    @extend_schema(
        operation_id="intake_accept",
        request=InputSerializer,
        responses={200: IntakeOutputSerializer},
    )
    def post(self, request, article_id):
        article = get_object_or_404(ArticleImport, pk=article_id)
        serializer = self.InputSerializer(data=request.data)
        if not serializer.is_valid():
            raise exceptions.ValidationError(
                {"accept": ["List the positions of the proposals to accept; nothing was accepted."]}
            )
        _accept_positions(article, serializer.validated_data["accept"], request.user)
        return Response(IntakeOutputSerializer(_article_body(article, created=False)).data)


# The proposal's model fields as the correction API names them.
_API_FIELDS = {"matched_claim": "match", "relation": "match", "source_name": "source"}


class CorrectedMatchSerializer(serializers.Serializer):
    class Meta:
        ref_name = "IntakeCorrectedMatch"

    relation = serializers.ChoiceField(choices=ProposalRelation.choices)
    claim_id = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


class ProposalCorrectApi(APIView):
    """Correct a pending proposal before accepting it: only the fields given change. A source or
    relay is looked up by name, alias or slug; an unknown name proposes a new source. Accept it
    afterwards by posting the article again with commit=true and its position in `accept`."""

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "IntakeCorrectionInput"

        text = serializers.CharField(
            required=False, max_length=CLAIM_TEXT_MAX_LENGTH, help_text="The statement as a claim."
        )
        stance = serializers.ChoiceField(choices=Stance.choices, required=False)
        source = serializers.CharField(
            required=False,
            max_length=200,
            help_text="A known source's name, alias or slug, or a new source's name.",
        )
        source_kind = serializers.ChoiceField(
            choices=SourceKind.choices, required=False, help_text="What kind a new source is."
        )
        via = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=200,
            help_text="The relaying outlet; blank for none.",
        )
        about = serializers.DateField(required=False, allow_null=True)
        match = CorrectedMatchSerializer(required=False)

    @extend_schema(
        operation_id="intake_proposal_correct",
        request=InputSerializer,
        responses={200: ProposalOutputSerializer},
    )
    def patch(self, request, article_id, position):
        proposal = get_object_or_404(
            IntakeProposal.objects.select_related("source", "via", "matched_claim", "article"),
            article_id=article_id,
            position=position,
        )
        if proposal.article.created_by_id != request.user.pk and not user_has_role(
            request.user, ROLE_REVIEWER
        ):
            raise exceptions.PermissionDenied(
                "Only the journalist who imported this article, or a reviewer, may correct it."
            )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        source = source_resolve(name=data["source"]) if "source" in data else proposal.source
        via = source_resolve(name=data["via"]) if "via" in data else proposal.via
        relation, matched_claim = proposal.relation, proposal.matched_claim
        if "match" in data:
            relation, claim_id = data["match"]["relation"], data["match"]["claim_id"]
            matched_claim = Claim.objects.filter(pk=claim_id).first() if claim_id else None
            if claim_id and matched_claim is None:
                raise exceptions.ValidationError(
                    {"match": {"claim_id": ["No claim with this id."]}}
                )
        try:
            corrected = intake_proposal_correct(
                proposal=proposal,
                text=data.get("text", proposal.text),
                stance=data.get("stance", proposal.stance),
                source=source,
                source_name=data.get("source", proposal.source_name),
                source_kind=data.get("source_kind", proposal.source_kind),
                via=via,
                via_name=data.get("via", proposal.via_name),
                about=data.get("about", proposal.about),
                matched_claim=matched_claim,
                relation=relation,
            )
        except ModelValidationError as error:
            errors = error.message_dict
            if "status" in errors:
                raise Conflict(errors["status"][0]) from error
            by_api_field: dict[str, list[str]] = {}
            for field, messages in errors.items():
                by_api_field.setdefault(_API_FIELDS.get(field, field), []).extend(messages)
            raise exceptions.ValidationError(by_api_field) from error
        return Response(ProposalOutputSerializer(corrected).data)


urlpatterns = [
    path("intake/", ArticleIntakeApi.as_view(), name="intake"),
    path("intake/<int:article_id>/", ArticleIntakeDetailApi.as_view(), name="intake-article"),
    path("intake/<int:article_id>/accept/", ArticleIntakeAcceptApi.as_view(), name="intake-accept"),
    path(
        "intake/<int:article_id>/proposals/<int:position>/",
        ProposalCorrectApi.as_view(),
        name="intake-proposal",
    ),
]
