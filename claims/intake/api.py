"""POST /api/v1/intake/: turn an article into proposals, and with commit=true accept them.
PATCH /api/v1/intake/<article>/proposals/<position>/: correct a pending proposal before accepting it.

Authentication, the journalist role, throttles and the error shape are the API's defaults
(factcheck.api, factcheck.api_policy): accepting proposals submits claims and citations, which
journalists may do. The work is done by the intake services.
"""

from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.intake.fetch import FetchError
from claims.intake.selectors import proposal_list
from claims.intake.services import article_import_create, article_proposals_accept, intake_proposal_correct
from claims.intake.text import ArticleInputError
from claims.models import Claim, IntakeProposal, ProposalRelation, ProposalStatus, Stance
from factcheck.api import Conflict
from factcheck.api_policy import ROLE_REVIEWER, user_has_role
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
    created = serializers.BooleanField(help_text="False when this text was imported before.")


class IntakeOutputSerializer(serializers.Serializer):
    class Meta:
        ref_name = "IntakeResult"

    article = ArticleOutputSerializer()
    notice = serializers.CharField(allow_blank=True)
    proposals = ProposalOutputSerializer(many=True)


class ArticleIntakeApi(APIView):
    """Read an article (text, HTML or a URL to fetch) and propose the attributed claims in it,
    each with its source, stance and the known claim it matches. Nothing is saved as a claim
    unless `commit` is true; posting the same article again proposes nothing new."""

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
            help_text="Fetched only from public addresses, with the FETCH_* limits.",
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
            help_text="With commit=true, the positions of the proposals to accept; every pending "
            "one when omitted.",
        )

        def validate(self, data):
            given = [name for name in ("text", "html", "url") if data[name].strip()]
            if not given:
                raise serializers.ValidationError(
                    {"text": ["Give the article as text, html or url."]}
                )
            if len(given) > 1:
                raise serializers.ValidationError(
                    {given[1]: ["Give the article one way only: text, html or url."]}
                )
            return data

    @extend_schema(
        operation_id="intake_create",
        request=InputSerializer,
        responses={
            201: OpenApiResponse(IntakeOutputSerializer, description="The article was new."),
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
            with transaction.atomic():
                result = article_import_create(
                    text=data["text"],
                    html=data["html"],
                    url=data["url"],
                    outlet_name=data["outlet"],
                    published_at=data["published_at"],
                    created_by=request.user,
                )
                if data["commit"]:
                    article_proposals_accept(
                        article=result.article, positions=data.get("accept"), user=request.user
                    )
        except ArticleInputError as error:
            raise exceptions.ValidationError({error.field: [str(error)]}) from error
        except FetchError as error:
            raise exceptions.ValidationError({"url": [str(error)]}) from error
        article = result.article
        body = {
            "article": {
                "id": article.pk,
                "language": article.language,
                "title": article.title,
                "url": article.url,
                "created": result.created,
            },
            "notice": result.notice,
            "proposals": proposal_list(article=article),
        }
        return Response(
            IntakeOutputSerializer(body).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )


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

        text = serializers.CharField(required=False, max_length=2000, help_text="The statement as a claim.")
        stance = serializers.ChoiceField(choices=Stance.choices, required=False)
        source = serializers.CharField(required=False, max_length=200,
                                       help_text="A known source's name, alias or slug, or a new source's name.")
        source_kind = serializers.ChoiceField(choices=SourceKind.choices, required=False,
                                              help_text="What kind a new source is.")
        via = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                    help_text="The relaying outlet; blank for none.")
        about = serializers.DateField(required=False, allow_null=True)
        match = CorrectedMatchSerializer(required=False)

    @extend_schema(
        operation_id="intake_proposal_correct",
        request=InputSerializer,
        responses={200: ProposalOutputSerializer},
    )
    def patch(self, request, article_id, position):
        proposal = get_object_or_404(IntakeProposal.objects.select_related("source", "via", "matched_claim", "article"),
                                     article_id=article_id, position=position)
        if proposal.article.created_by_id != request.user.pk and not user_has_role(request.user, ROLE_REVIEWER):
            raise exceptions.PermissionDenied("Only the journalist who imported this article, or a reviewer, may correct it.")
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
                raise exceptions.ValidationError({"match": {"claim_id": ["No claim with this id."]}})
        try:
            corrected = intake_proposal_correct(
                proposal=proposal, text=data.get("text", proposal.text), stance=data.get("stance", proposal.stance),
                source=source, source_name=data.get("source", proposal.source_name),
                source_kind=data.get("source_kind", proposal.source_kind), via=via,
                via_name=data.get("via", proposal.via_name), about=data.get("about", proposal.about),
                matched_claim=matched_claim, relation=relation,
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

