"""Main content and metadata out of HTML, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError


@dataclass
class HtmlContent:
    paragraphs: list[str]
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None


def extract_html(html: str, url: str | None = None, source: str | None = None) -> HtmlContent:
    """The article body as paragraphs, plus title, date, outlet and canonical URL."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            output_format="python",
        )
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"could not parse the HTML ({type(exc).__name__})", source=source) from exc
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in the HTML", source=source)
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    return HtmlContent(
        paragraphs=paragraphs,
        title=doc.title or None,
        published=(doc.date or None),
        outlet=doc.sitename or None,
        url=doc.url or url,
        author=doc.author or None,
    )
