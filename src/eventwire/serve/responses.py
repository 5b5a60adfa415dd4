"""Error responses of one shape for the API and the dashboard: JSON ``{"error": {"code", "message"}}``
for ``/api`` and non-GET requests, the dashboard's HTML error page for pages. Used by the app's
exception handlers and by the guard middleware, so neither imports the other."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from .pages import render_error


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.method == "GET"


def error_response(request: Request, status: int, code: str, message: str, headers=None):
    if _wants_html(request):
        return render_error(request, status, message)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)
