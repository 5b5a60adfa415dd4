"""The JSON API: thin routes over ``eventwire.query`` (no SQL here).

Lists answer ``{"data": [...], "total": N, "limit": L, "offset": O}``; single records
``{"data": {...}}``; errors ``{"error": {"code": ..., "message": ...}}``.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

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
    422: {"model": ErrorBody, "description": "Invalid parameter or input"},
}
router = APIRouter(prefix="/api", responses=ERRORS)


def page(rows: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"data": rows, "total": total, "limit": limit, "offset": offset}


# --- reads ---------------------------------------------------------------------------------------


@router.get("/events", response_model=Page, summary="List and filter events")
def events(conn: Conn, f: Filter) -> dict[str, Any]:
    from ..query.records import event_counts_for

    rows = query.list_events(conn, f)
    counts = event_counts_for(conn, [r["id"] for r in rows])
    for row in rows:
        row["counts"] = counts.get(row["id"], [])
    return page(rows, query.count_events(conn, f), f.limit, f.offset)


@router.get("/events/{event_id}", response_model=Item, summary="One event with its counts")
def event(conn: Conn, event_id: str) -> dict[str, Any]:
    return {"data": totals.get_event(conn, event_id)}


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
