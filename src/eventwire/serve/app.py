"""The FastAPI application: the JSON API under ``/api`` and the dashboard at ``/``.

Reads open a read-only SQLite connection per request (cheap, and WAL lets them run beside the
writer), with a time budget (``query_budget``: SQLite's progress handler stops a statement that
runs longer, answered 503). Writes go through the single ``Writer``. Every error leaves as
``{"error": {"code", "message"}}`` with a 4xx status (an HTML page for dashboard URLs); a bug of
ours as the same shape with 500, logged with its traceback, never a bare text 500 (``guard.py``,
which also checks the Host header, bounds input and sets the security headers).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import EventwireError, InputError, NotFoundError, StoreError, TooLargeError
from ..store import connect
from .api import alias_router
from .api import router as api_router
from .deps import ApiError, reader
from .pages import router as pages_router
from .responses import error_response
from .writer import Writer

HERE = Path(__file__).parent
log = logging.getLogger("eventwire.serve")
QUERY_BUDGET = 2.0  # seconds one SQL statement of a request may run (``--query-timeout``)

STATUS_OF: list[tuple[type[EventwireError], int]] = [
    (NotFoundError, 404),
    (TooLargeError, 413),
    (InputError, 422),
    (StoreError, 400),
]


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    options=None,
    host: str | None = None,
    allowed_hosts: Iterable[str] = (),
    query_budget: float | None = QUERY_BUDGET,
    max_body: int | None = None,
) -> FastAPI:
    """The app for database ``db``. Writes (``POST /api/articles``) are enabled only with a token.

    ``host`` is the address the server is bound to: given (``eventwire serve`` always gives it),
    requests for any other Host than it, localhost and ``allowed_hosts`` are refused (DNS
    rebinding). ``query_budget`` is the seconds one SQL statement may run (None: no limit);
    ``max_body`` the largest request body in bytes (default: twice the article limit).
    """
    from .guard import Guard, HostPolicy, content_security_policy

    db = str(db)
    connect(db, readonly=True).close()  # fail now, with a clear StoreError, if the file is missing
    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Sourced event data extracted from news articles: events, quotes, actors, places.",
        docs_url=None,  # our own page (docs.py): Swagger UI would load its code from a CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db = db
    app.state.token = token or os.environ.get("EVENTWIRE_TOKEN") or None
    app.state.writer = Writer(db, options)
    app.state.query_budget = query_budget
    max_body = max_body or 2 * app.state.writer.options.max_bytes  # room for JSON escapes

    from .docs import router as docs_router

    app.include_router(api_router)
    app.include_router(alias_router)
    app.include_router(docs_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_error_handlers(app)
    app.add_middleware(
        Guard,
        hosts=HostPolicy(host, allowed_hosts),
        max_body=max_body,
        csp=content_security_policy(HERE / "templates"),
    )
    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(EventwireError)
    async def _eventwire_error(request: Request, exc: EventwireError):
        status = next((s for cls, s in STATUS_OF if isinstance(exc, cls)), 400)
        return error_response(request, status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
            parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return error_response(request, 422, "invalid_parameter", "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = "no such page or endpoint" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, code, message)

    @app.exception_handler(sqlite3.Error)
    async def _db_error(request: Request, exc: sqlite3.Error):
        if str(exc) == "interrupted":  # the progress handler: this request spent its time budget
            budget = request.app.state.query_budget
            return error_response(
                request,
                503,
                "query_timeout",
                f"the query took longer than this server allows ({budget:g} s); narrow it down "
                "(fewer or more specific search words, a type, a date range) or page with a smaller offset",
            )
        # A locked or corrupt database is the server's problem, but still answered in our shape.
        log.exception("database error on %s", request.url.path)
        return error_response(request, 503, "database_unavailable", f"database error: {exc}")


__all__ = ["ApiError", "HTMLResponse", "create_app", "reader"]
