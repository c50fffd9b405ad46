"""The base of every model of the project's apps."""

from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


class BaseModel(models.Model):
    """Validates a row's check constraints in one query.

    Django's `full_clean` asks the database once per `CheckConstraint`, inside a savepoint of its
    own when a transaction is open: a claim, with eleven of them, cost 33 queries before it was
    saved, and every write goes through `full_clean` in the services. Here the conditions are the
    columns of one SELECT, with Django's semantics: a NULL condition passes, a condition reading an
    excluded field is skipped, and one the database cannot evaluate is left to the database's own
    check (Django then asks condition by condition). Unique and exclusion constraints, which read
    the table, are still validated by Django one by one."""

    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        errors: dict = {}
        for model_class, constraints in self.get_constraints():
            checks = []
            for constraint in constraints:
                if isinstance(constraint, models.CheckConstraint):
                    checks.append(constraint)
                    continue
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError as error:
                    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
            for constraint in self._violated_checks(model_class, checks, exclude, using):
                violation = ValidationError(
                    constraint.get_violation_error_message(), code=constraint.violation_error_code
                )
                errors = violation.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _violated_checks(self, model_class, checks, exclude, using):
        if not checks:
            return []
        query = Query(None)
        against = self._get_field_expression_map(meta=model_class._meta, exclude=exclude)
        for name, value in against.items():
            if not hasattr(value, "resolve_expression"):
                value = Value(value)
            query.add_annotation(value, name, select=False)
        evaluated = []
        for constraint in checks:
            condition = Coalesce(Q(constraint.condition), True, output_field=BooleanField())
            try:
                query.add_annotation(condition, f"check_{len(evaluated)}")
            except FieldError:
                continue
            evaluated.append(constraint)
        if not evaluated:
            return []
        connection = connections[using]
        savepoint = transaction.atomic(using=using) if connection.in_atomic_block else nullcontext()
        try:
            with savepoint:
                row = query.get_compiler(using=using).execute_sql(SINGLE)
        except DatabaseError:
            return [
                constraint
                for constraint in evaluated
                if not Q(constraint.condition).check(against, using=using)
            ]
        return [constraint for constraint, passed in zip(evaluated, row, strict=True) if not passed]
