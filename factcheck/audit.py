"""The audit trail's admin page: pghistory's events, with the name of whoever made each change."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from pghistory.admin import EventsAdmin


class AuditEventsAdmin(EventsAdmin):
    def get_list_display(self, request):
        return [
            "pgh_created_at",
            "pgh_label",
            "pgh_obj_model",
            "pgh_obj_id",
            "pgh_diff",
            "changed_by",
            "url",
        ]

    def get_queryset(self, request):
        # pghistory's context holds the user's id; one subquery names them for the whole page.
        username = get_user_model().objects.filter(pk=OuterRef("user")).values("username")[:1]
        return super().get_queryset(request).annotate(changed_by_username=Subquery(username))

    @admin.display(description="changed by", ordering="changed_by_username")
    def changed_by(self, event):
        return event.changed_by_username or "(no user: a job, command or raw SQL)"
