from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"

    def ready(self):
        from django.db.models.signals import post_migrate

        from jobs.recheck import recheck_flags_after_migrate

        post_migrate.connect(
            recheck_flags_after_migrate, sender=self, dispatch_uid="jobs.recheck_after_migrate"
        )
