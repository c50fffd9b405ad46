"""POST /api/v1/intake/: turn an article into proposals, and with commit=true accept them.

Authentication, the journalist role, throttles and the error shape are the API's defaults
(factcheck.api, factcheck.api_policy): accepting proposals submits claims and citations, which
journalists may do. The work is done by the intake services.
"""

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.intake.fetch import FetchError
from claims.intake.selectors import proposal_list
from claims.intake.services import article_import_create, article_proposals_accept
from claims.intake.text import ArticleInputError
from claims.models import ProposalRelation, ProposalStatus, Stance


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
