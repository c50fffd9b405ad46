"""Logic of the scheduled and background jobs; claims/tasks.py holds the thin Celery wrappers."""
