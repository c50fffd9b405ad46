from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    """The project package as an app, so that its signal receivers are connected in every process
    (web, worker, management commands), not only where the URLconf happens to be imported."""

    name = "factcheck"
    verbose_name = "factcheck"

    def ready(self):
        from factcheck import api  # noqa: F401  (connects the token revocation receiver)
