"""The job tests' broker is a Redis they started themselves: what the developer's or CI's Redis
(REDIS_URL) holds is never read, flushed or filled by them."""

from urllib.parse import urlsplit

import redis
from django.conf import settings


def test_job_tests_use_a_redis_server_of_their_own(jobs_test_broker):
    own, shared = urlsplit(jobs_test_broker), urlsplit(settings.REDIS_URL)

    assert (own.hostname, own.port) != (shared.hostname, shared.port or 6379)
    assert redis.Redis.from_url(jobs_test_broker).ping()
