"""The JSON API: thin routes over ``eventwire.query`` (no SQL here).

Lists answer ``{"data": [...], "total": N, "limit": L, "offset": O}``; single records
``{"data": {...}}``; errors ``{"error": {"code": ..., "message": ...}}``.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from .. import query
from ..query import aggregates, totals
from .deps import DATE_PATTERN, MAX_LIMIT, ApiError, Conn, DateParam, Filter, Limit, Offset, event_filter

__all__ = ["DATE_PATTERN", "MAX_LIMIT", "alias_router", "event_filter", "router"]


class Page(BaseModel):
    data: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class EventPage(Page):
    kind: str  # "events" (canonical events) or "mentions" (reports)


class Item(BaseModel):
    data: dict[str, Any]


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad parameter (unknown type, bad sort, ...)"},
    404: {"model": ErrorBody, "description": "Not found"},
    422: {"model": ErrorBody, "description": "Invalid parameter or input (too long, too many search words)"},
    500: {"model": ErrorBody, "description": "Internal error (a bug of ours, logged on the server)"},
    503: {
        "model": ErrorBody,
        "description": "The query took longer than the server allows, or the database is busy",
    },
}
router = APIRouter(prefix="/api", responses=ERRORS)


def page(rows: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"data": rows, "total": total, "limit": limit, "offset": offset}


# --- reads ---------------------------------------------------------------------------------------


@router.get(
    "/events",
    response_model=EventPage,
    summary="List and filter events: canonical events (reports merged), or every report with mentions=true",
)
def events(
    conn: Conn,
    f: Filter,
    mentions: Annotated[
        bool,
        Query(description="Every report of every event (one row per article mention), not canonical events."),
    ] = False,
) -> dict[str, Any]:
    """Canonical events by default, as the CLI, the exports and the Python API list them (one rule:
    ``query.dataset.wants_canonical``), each with ``reports``, ``sources`` and ``links`` to its
    reports; ``kind`` says which you got (a store ingested without clustering has reports only)."""
    from ..query.dataset import count_dataset_events, list_dataset_events

    kind, rows = list_dataset_events(conn, f, mentions=mentions)
    for row in rows:
        row["links"] = event_links(row, kind)
    body = page(rows, count_dataset_events(conn, f, mentions=mentions), f.limit, f.offset)
    return {**body, "kind": kind}


def event_links(row: dict[str, Any], kind: str) -> dict[str, Any]:
    """API links of a listed event: itself, its article, and its reports (or the event it reports)."""
    links: dict[str, Any] = {"self": _event_href(row["id"])}
    if row.get("article_id"):
        links["article"] = f"/api/articles/{quote(row['article_id'], safe='')}"
    if kind == "events":
        links["mentions"] = [_event_href(r) for r in row.get("report_ids") or []]
    elif row.get("cluster_id"):
        links["event"] = _event_href(row["cluster_id"])
    return links


def _event_href(event_id: str) -> str:
    return f"/api/events/{quote(event_id, safe=':')}"


@router.get(
    "/events/{event_id}",
    response_model=Item,
    summary="One event: a canonical event (ev-…) with its reports, or one report with its counts",
)
def event(conn: Conn, event_id: str) -> dict[str, Any]:
    if event_id.startswith("ev-"):
        from ..query.canonical import get_canonical_event

        record = get_canonical_event(conn, event_id)
        record["links"] = {
            "self": _event_href(record["id"]),
            "mentions": [_event_href(m["event_id"]) for m in record["mentions_list"]],
        }
        return {"data": record}
    record = totals.get_event(conn, event_id)
    record["links"] = event_links(record, "mentions")
    return {"data": record}


@router.get("/quotes", response_model=Page, summary="List quotes with their speakers")
def quotes(
    conn: Conn,
    article: str | None = None,
    speaker: str | None = None,
    country: str | None = None,
    anonymous: bool | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters = {"article": article, "speaker": speaker, "country": country, "anonymous": anonymous}
    rows = query.list_quotes(conn, **filters, limit=limit, offset=offset)
    return page(rows, totals.count_quotes(conn, **filters), limit, offset)


@router.get("/actors", response_model=Page, summary="Coded actors with mention counts")
def actors(
    conn: Conn,
    country: str | None = None,
    sector: str | None = None,
    article: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters = {"country": country, "sector": sector, "article": article}
    rows = query.list_actors(conn, **filters, limit=limit, offset=offset)
    return page(rows, totals.count_actors(conn, **filters), limit, offset)


@router.get("/places", response_model=Page, summary="Geocoded places with mention counts")
def places(
    conn: Conn,
    country: str | None = None,
    kind: str | None = None,
    article: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters = {"country": country, "kind": kind, "article": article}
    rows = query.list_places(conn, **filters, limit=limit, offset=offset)
    return page(rows, totals.count_places(conn, **filters), limit, offset)


@router.get("/articles", response_model=Page, summary="List articles, newest first")
def articles(
    conn: Conn,
    since: Annotated[str | None, DateParam] = None,
    until: Annotated[str | None, DateParam] = None,
    outlet: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters = {"since": since, "until": until, "outlet": outlet}
    rows = query.list_articles(conn, **filters, limit=limit, offset=offset)
    return page(rows, query.count_articles(conn, **filters), limit, offset)


@router.get(
    "/articles/{article_id}",
    response_model=Item,
    summary="One article: paragraphs (kept and dropped) and every extraction with evidence offsets",
)
def article(conn: Conn, article_id: str) -> dict[str, Any]:
    return {"data": query.get_article(conn, article_id)}


@router.get("/search", response_model=Page, summary="Full-text search over titles and text (FTS5)")
def search(
    conn: Conn,
    q: Annotated[str, Query(min_length=1, description='Words, "a phrase", OR, NOT, prefix*')],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = query.search_articles(conn, q, limit=limit, offset=offset)
    return page(rows, totals.count_search(conn, q), limit, offset)


@router.get("/stats", response_model=Item, summary="Counts of everything in the store")
def stats(conn: Conn) -> dict[str, Any]:
    return {"data": query.stats(conn)}


@router.get("/timeline", response_model=Item, summary="Events per day by type (event filters apply)")
def timeline(conn: Conn, f: Filter) -> dict[str, Any]:
    return {"data": aggregates.timeline(conn, f)}


@router.get("/actor-matrix", response_model=Item, summary="Source → target event counts by type")
def actor_matrix(
    conn: Conn,
    f: Filter,
    by: Annotated[str, Query(pattern="^(country|name)$")] = "country",
    top: Annotated[int, Query(ge=1, le=50)] = 12,
) -> dict[str, Any]:
    return {"data": aggregates.actor_matrix(conn, f, by=by, top=top)}


@router.get("/map", response_model=Item, summary="Geocoded events grouped by place")
def map_points(conn: Conn, f: Filter) -> dict[str, Any]:
    return {"data": aggregates.map_points(conn, f)}


# --- writes --------------------------------------------------------------------------------------


def require_token(request: Request) -> None:
    """Writes are off unless the server has a token, and then need ``Authorization: Bearer <token>``."""
    token = request.app.state.token
    if not token:
        raise ApiError(
            403,
            "writes_disabled",
            "write endpoints are disabled; start the server with --token or EVENTWIRE_TOKEN set",
        )
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(
            401,
            "unauthorized",
            "missing or wrong token: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


@router.post(
    "/articles",
    status_code=201,
    response_model=Item,
    dependencies=[Depends(require_token)],
    summary="Ingest one article (JSON record, text or HTML); returns its id and counts",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "text": {"type": "string"},
                            "html": {"type": "string"},
                            "url": {"type": "string"},
                            "title": {"type": "string"},
                            "published": {"type": "string"},
                            "outlet": {"type": "string"},
                            "id": {"type": "string"},
                        },
                    }
                },
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
            "required": True,
        }
    },
)
async def post_article(
    request: Request,
    url: str | None = None,
    title: str | None = None,
    published: Annotated[str | None, DateParam] = None,
    outlet: str | None = None,
) -> dict[str, Any]:
    from starlette.concurrency import run_in_threadpool

    from .writer import document_from_payload

    body = await request.body()
    doc = document_from_payload(
        body,
        request.headers.get("content-type", ""),
        {"url": url, "title": title, "published": published, "outlet": outlet},
    )
    # Extraction is CPU-bound and the writer serialises on a lock: keep it off the event loop.
    result = await run_in_threadpool(request.app.state.writer.ingest, doc)
    result["href"] = f"/api/articles/{result['id']}"
    return {"data": result}


# ``POST /articles`` (outside /api) as the issue names it: the same handler, kept out of the schema.
alias_router = APIRouter(include_in_schema=False)
alias_router.add_api_route(
    "/articles", post_article, methods=["POST"], status_code=201, dependencies=[Depends(require_token)]
)
