"""A pooled database connection that the server has closed (a restart, a failover,
pg_terminate_backend) is replaced at the start of the next request, not used and answered 500."""

import psycopg
import pytest
from django.db import close_old_connections, connection

from tests.jobs.conftest import outside_connection_params

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restore_database_after_module"),
]


def test_a_terminated_pooled_connection_is_replaced_before_the_next_request_uses_it():
    close_old_connections()  # what Django does when a request starts
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    with psycopg.connect(**outside_connection_params(), autocommit=True) as administrator:
        administrator.execute("SELECT pg_terminate_backend(%s)", [backend])

    close_old_connections()  # the next request starts
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (replacement,) = cursor.fetchone()

    assert replacement != backend
