"""What every audited model's event table shares (pghistory.track(..., meta=audit_meta(...)))."""

from django.db import models


def audit_meta(name: str) -> dict:
    """Meta for an event model: an index that reads its events newest first from any moment, so
    that the audit trail (factcheck.audit) finds a page of a time window without scanning."""
    return {"indexes": [models.Index(fields=["-pgh_created_at", "-pgh_id"], name=f"{name}_newest")]}
