"""Turn what a user hands in (pasted text, an HTML page, uploaded bytes) into article text, or say
clearly why not. Boilerplate (menus, footers, related links) is stripped from HTML by trafilatura;
the language is identified by py3langid, whose model ships inside the package."""

import re
from dataclasses import dataclass

import py3langid
import trafilatura
from django.conf import settings

ENGLISH = "en"
# Too short to tell a language apart reliably; such text is treated as English.
MIN_CHARS_FOR_LANGUAGE_ID = 40
_HTML_HINT = re.compile(r"<\s*(?:html|body|article|p|div|head|!doctype)\b", re.IGNORECASE)


class ArticleInputError(ValueError):
    """Input that is not an article we can read; the message is meant for the user."""

    def __init__(self, message: str, *, field: str = "text"):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class ArticleText:
    text: str
    language: str
    title: str = ""


def max_article_bytes() -> int:
    return settings.INTAKE_MAX_ARTICLE_BYTES


def decode_article_bytes(content: bytes, *, field: str = "file") -> str:
    """Bytes to text, refusing binaries (images, PDFs, archives) with a readable reason."""
    if len(content) > max_article_bytes():
        raise ArticleInputError(
            f"The article is {len(content) / 1_000_000:.1f} MB; the limit is "
            f"{max_article_bytes() / 1_000_000:.1f} MB.",
            field=field,
        )
    if b"\x00" in content[:8192]:
        raise ArticleInputError("This is a binary file, not text or HTML.", field=field)
    for encoding in (
        ("utf-8", "utf-16") if content.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8",)
    ):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ArticleInputError(
            "The file is neither UTF-8 nor Windows-1252 text.", field=field
        ) from error


def article_text_from_input(
    raw: str, *, is_html: bool | None = None, field: str = "text"
) -> ArticleText:
    """Clean article text from pasted text or HTML; `is_html=None` guesses from the content."""
    if len(raw.encode("utf-8", errors="ignore")) > max_article_bytes():
        raise ArticleInputError(
            f"The article is longer than {max_article_bytes() / 1_000_000:.1f} MB of text.",
            field=field,
        )
    if "\x00" in raw or _control_ratio(raw) > 0.05:
        raise ArticleInputError("This looks like binary data, not text or HTML.", field=field)
    title = ""
    if is_html or (is_html is None and _HTML_HINT.search(raw[:2000])):
        extracted = trafilatura.extract(
            raw, include_comments=False, include_tables=False, favor_precision=True
        )
        metadata = trafilatura.extract_metadata(raw)
        title = (metadata.title or "") if metadata else ""
        raw = extracted or ""
    text = _tidy(raw)
    if not re.search(r"\w", text):
        raise ArticleInputError("The article is empty: no readable text was found.", field=field)
    return ArticleText(text=text, language=detect_language(text), title=title[:300])


def detect_language(text: str) -> str:
    if len(text) < MIN_CHARS_FOR_LANGUAGE_ID:
        return ENGLISH
    language, _ = py3langid.classify(text[:5000])
    return language


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample)


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
