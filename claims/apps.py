from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"

    def ready(self):
        from claims.outbox import recompute_request_for_sources
        from sources.signals import source_figures_stale

        source_figures_stale.connect(
            recompute_request_for_sources, dispatch_uid="claims.recompute_request_for_sources"
        )
