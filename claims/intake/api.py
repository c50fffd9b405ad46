"""POST /api/v1/intake/: turn an article into proposals, and with commit=true accept them.

One API class with nested input and output serializers; the work is done by the intake services.
"""

from django.db import transaction
from rest_framework import exceptions, permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.intake.fetch import FetchError
from claims.intake.selectors import proposal_list
from claims.intake.services import article_import_create, intake_proposals_accept
from claims.intake.text import ArticleInputError
from claims.models import ProposalStatus

ACCEPT_PERMISSIONS = ("claims.change_intakeproposal", "claims.add_citation", "claims.add_claim")


class CanImportArticles(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.has_perm("claims.add_articleimport"))


class ArticleIntakeApi(APIView):
    permission_classes = [CanImportArticles]

    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, default="")
        html = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False, default="")
        url = serializers.URLField(required=False, allow_blank=True, default="")
        outlet = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
        published_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        commit = serializers.BooleanField(required=False, default=False)
        accept = serializers.ListField(
            child=serializers.IntegerField(min_value=1), required=False, allow_empty=True,
            help_text="Positions of the proposals to accept with commit=true; all pending ones when omitted.",
        )

        def validate(self, data):
            given = [name for name in ("text", "html", "url") if data.get(name, "").strip()]
            if not given:
                raise serializers.ValidationError({"text": ["Give the article as text, html or url."]})
            if len(given) > 1:
                raise serializers.ValidationError({given[1]: ["Give the article one way only: text, html or url."]})
            return data

    class OutputSerializer(serializers.Serializer):
        position = serializers.IntegerField()
        text = serializers.CharField()
        stance = serializers.CharField()
        quote = serializers.CharField()
        source = serializers.SerializerMethodField()
        via = serializers.SerializerMethodField()
        about = serializers.DateField()
        match = serializers.SerializerMethodField()
        status = serializers.CharField()
        citation_id = serializers.IntegerField(allow_null=True)

        def get_source(self, proposal):
            return {"id": proposal.source_id, "name": proposal.source_name, "kind": proposal.source_kind,
                    "parent": proposal.source_parent_name, "known": proposal.source_id is not None}

        def get_via(self, proposal):
            if not (proposal.via_id or proposal.via_name):
                return None
            return {"id": proposal.via_id, "name": proposal.via.name if proposal.via else proposal.via_name}

        def get_match(self, proposal):
            return {
                "relation": proposal.relation,
                "claim_id": proposal.matched_claim_id,
                "claim_text": proposal.matched_claim.text if proposal.matched_claim else None,
                "score": proposal.score,
            }

    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["commit"] and not all(request.user.has_perm(p) for p in ACCEPT_PERMISSIONS):
            raise exceptions.PermissionDenied("You may import articles but not accept proposals.")
        try:
            with transaction.atomic():
                result = article_import_create(
                    text=data["text"], html=data["html"], url=data["url"], outlet_name=data["outlet"],
                    published_at=data["published_at"], created_by=request.user,
                )
                if data["commit"]:
                    pending = result.article.proposals.filter(status=ProposalStatus.PENDING)
                    if "accept" in data:
                        pending = pending.filter(position__in=data["accept"])
                    intake_proposals_accept(proposals=pending, user=request.user)
        except ArticleInputError as error:
            raise exceptions.ValidationError({error.field: [str(error)]}) from error
        except FetchError as error:
            raise exceptions.ValidationError({"url": [str(error)]}) from error
        article = result.article
        proposals = proposal_list(article=article)
        return Response(
            {
                "article": {"id": article.pk, "language": article.language, "title": article.title,
                            "url": article.url, "created": result.created},
                "notice": result.notice,
                "proposals": self.OutputSerializer(proposals, many=True).data,
            },
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )
