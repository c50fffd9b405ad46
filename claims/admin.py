# Intake's reviewer screens ("Import article", proposals) register themselves on import.
from claims.intake import admin as intake_admin  # noqa: F401
