from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"

    def ready(self):
        from django.db.models.signals import post_migrate

        from claims.jobs.outbox import recompute_request_for_sources
        from claims.jobs.recheck import recheck_flags_after_migrate
        from sources.signals import source_figures_stale

        post_migrate.connect(
            recheck_flags_after_migrate, sender=self, dispatch_uid="claims.recheck_after_migrate"
        )

        source_figures_stale.connect(
            recompute_request_for_sources, dispatch_uid="claims.recompute_request_for_sources"
        )
