"""Download an article for intake with the shared safe fetcher (factcheck.http: public addresses
only unless FETCH_ALLOWED_NETWORKS / FETCH_ALLOW_PRIVATE_ADDRESSES say otherwise, every redirect
checked, FETCH_TIMEOUT and FETCH_MAX_REDIRECTS). Intake adds what an article needs: a 200 answer,
text or HTML, no larger than INTAKE_MAX_ARTICLE_BYTES, and messages meant for the person who
typed the URL.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from factcheck.http import AddressNotAllowed, FetchError, safe_fetch

ACCEPTED_CONTENT_TYPES = ("text/html", "text/plain", "application/xhtml+xml")

__all__ = ["FetchError", "FetchedPage", "fetch_article"]


@dataclass(frozen=True)
class FetchedPage:
    url: str
    content: bytes
    content_type: str

    @property
    def is_html(self) -> bool:
        return "html" in self.content_type


def fetch_article(url: str, *, max_bytes: int | None = None) -> FetchedPage:
    """The page at `url`, after redirects; raises FetchError with a message for the user."""
    max_bytes = settings.INTAKE_MAX_ARTICLE_BYTES if max_bytes is None else max_bytes
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError("Only http and https URLs with a host name can be fetched.")
    if parts.username or parts.password:
        # The fetcher would not send them; a URL carrying a password is not one to store either.
        raise FetchError("URLs with credentials in them are not fetched.")
    try:
        response = safe_fetch(
            url,
            headers={"Accept": "text/html,application/xhtml+xml,text/plain"},
            max_bytes=max_bytes,
        )
    except AddressNotAllowed as error:
        raise FetchError(
            "The URL, or a redirect from it, points to a private or local address; "
            "it is not fetched."
        ) from error
    except FetchError as error:
        raise FetchError(f"The page could not be fetched ({error}).") from error
    if response.status != 200:
        raise FetchError(f"The server answered HTTP {response.status}.")
    headers = {name.lower(): value for name, value in response.headers.items()}
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in ACCEPTED_CONTENT_TYPES:
        raise FetchError(f"The URL serves {content_type}, not an HTML page or text.")
    if response.truncated:
        raise FetchError(f"The page is larger than the {max_bytes / 1_000_000:.1f} MB limit.")
    return FetchedPage(
        url=response.final_url, content=response.body, content_type=content_type or "text/html"
    )
