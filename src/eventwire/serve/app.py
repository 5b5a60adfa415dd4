"""The FastAPI application: the JSON API under ``/api`` and the dashboard at ``/``.

Reads open a read-only SQLite connection per request (cheap, and WAL lets them run beside the
writer); writes go through the single ``Writer``. Every error leaves as ``{"error": {"code",
"message"}}`` with a 4xx status (an HTML page for dashboard URLs), never a bare 500 traceback.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import EventwireError, InputError, NotFoundError, StoreError, TooLargeError
from ..store import connect
from .api import alias_router
from .api import router as api_router
from .deps import ApiError, reader
from .pages import render_error
from .pages import router as pages_router
from .writer import Writer

HERE = Path(__file__).parent
log = logging.getLogger("eventwire.serve")

STATUS_OF: list[tuple[type[EventwireError], int]] = [
    (NotFoundError, 404),
    (TooLargeError, 413),
    (InputError, 422),
    (StoreError, 400),
]


def create_app(db: str | Path, *, token: str | None = None, options=None) -> FastAPI:
    """The app for database ``db``. Writes (``POST /api/articles``) are enabled only with a token."""
    db = str(db)
    connect(db, readonly=True).close()  # fail now, with a clear StoreError, if the file is missing
    app = FastAPI(
        title="eventwire",
        version=__version__,
        description="Sourced event data extracted from news articles: events, quotes, actors, places.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db = db
    app.state.token = token or os.environ.get("EVENTWIRE_TOKEN") or None
    app.state.writer = Writer(db, options)
    app.include_router(api_router)
    app.include_router(alias_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_error_handlers(app)
    return app


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.method == "GET"


def error_response(request: Request, status: int, code: str, message: str, headers=None):
    if _wants_html(request):
        return render_error(request, status, message)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


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
        # A locked or corrupt database is the server's problem, but still answered in our shape.
        log.exception("database error on %s", request.url.path)
        return error_response(request, 503, "database_unavailable", f"database error: {exc}")


__all__ = ["ApiError", "HTMLResponse", "create_app", "reader"]
