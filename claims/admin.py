from claims import admin_jobs  # noqa: F401  (registers the jobs' admin pages)
