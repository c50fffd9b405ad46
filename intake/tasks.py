"""The worker's side of intake: read an imported article off the request.

A task is sent when an article is imported through the API or the admin; the request answers at
once (or after at most INTAKE_SYNC_WAIT seconds if the reading is done by then). Reading stops by a
deadline of its own (every pool enforces it, the solo pool included) and the task has a hard time
limit a little past it for the prefork pool, so a 2 MB article is read or refused within a minute.
"""

import logging
import time

from celery import shared_task
from django.conf import settings
from django.db import transaction

from intake.services import article_import_extract, article_import_extraction_failed

logger = logging.getLogger(__name__)

# Past it the pool kills the task; reading gives up earlier, at INTAKE_READING_SECONDS.
HARD_TIME_LIMIT = 60


@shared_task(bind=True, time_limit=HARD_TIME_LIMIT, soft_time_limit=HARD_TIME_LIMIT - 5)
def intake_article_extract(self, article_id: int) -> None:
    try:
        article_import_extract(
            article_id=article_id,
            deadline=time.monotonic() + settings.INTAKE_READING_SECONDS,
        )
    except Exception as error:
        article_import_extraction_failed(article_id=article_id, reason=f"Reading failed: {error!r}")
        raise


def intake_article_enqueue(article_id: int) -> bool:
    """Send the article to a worker once the transaction that stored it commits. False when the
    broker could not be reached: the article stays queued, and polling it sends it again."""
    sent = []

    def publish():
        try:
            intake_article_extract.delay(article_id)
            sent.append(True)
        except Exception:
            logger.warning(
                "could not enqueue intake of article %s; polling it retries",
                article_id,
                exc_info=True,
            )
            sent.append(False)

    transaction.on_commit(publish)
    return bool(sent and sent[0])
