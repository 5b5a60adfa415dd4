"""What every request passes through before and after its route (one ASGI middleware).

* **Host check** (DNS rebinding): a request whose ``Host`` is not the address the server is bound
  to, a name given with ``--allow-host``, or localhost, is refused with 400. A server bound to all
  interfaces (0.0.0.0, ::) also answers to any IP address: rebinding needs a domain name.
* **Bounded input**: every query parameter at most ``MAX_PARAM_CHARS`` characters, a search
  (``q``) at most ``MAX_SEARCH_TERMS`` words; request bodies are counted while they stream in and
  refused (413) as soon as they pass ``max_body`` bytes, before the rest is read.
* **Security headers** on every response: Content-Security-Policy (scripts only from /static and
  the dashboard's own inline scripts, by hash; no framing), ``X-Content-Type-Options: nosniff``,
  ``X-Frame-Options: DENY``, ``Referrer-Policy: no-referrer``.
* **Catch-all**: an exception no handler knows (a bug of ours) is logged with its traceback and
  answered in the documented shape, ``{"error": {"code": "internal_error", "message": ...}}``
  with status 500 (an HTML page for dashboard URLs), never a bare text 500.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse

log = logging.getLogger("eventwire.serve")

MAX_PARAM_CHARS = 1000  # longest query parameter value (a search, a name fragment, a filter)
MAX_SEARCH_TERMS = 32  # most words in one full-text search
MAX_QUERY_STRING = 16_384  # bytes of the whole query string
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
ANY_INTERFACE = ("0.0.0.0", "::", "")
BODY_METHODS = ("POST", "PUT", "PATCH")
_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def inline_script_hashes(template_dir: Path) -> list[str]:
    """CSP hashes of the inline scripts in the dashboard's templates (those without Jinja in them).

    Data blocks (``<script type="application/json">``) are never run, so they need no hash.
    """
    hashes = set()
    for template in sorted(template_dir.glob("*.html")):
        for match in _INLINE_SCRIPT.finditer(template.read_text(encoding="utf-8")):
            attrs, body = match["attrs"], match["body"]
            if "src=" in attrs or "application/json" in attrs or not body.strip():
                continue
            if "{{" in body or "{%" in body:
                log.warning("%s: an inline script with template code can't be allowed by hash", template.name)
                continue
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def content_security_policy(template_dir: Path) -> str:
    scripts = " ".join(["'self'", *inline_script_hashes(template_dir)])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


class BodyTooLarge(Exception):
    """Raised from ``receive`` once a streamed request body passes the limit (answered 413)."""

    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(f"the request body is over the {limit:,} byte limit")


def host_name(header: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``; lower case, no final dot."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    if header.count(":") == 1:
        header = header.split(":", 1)[0]
    return header.rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


class HostPolicy:
    """Which Host headers the server answers to (``None`` hosts: every one)."""

    def __init__(self, bound: str | None, allowed: Iterable[str] = ()):
        allowed = [host_name(h) for h in allowed if h]
        self.any = bound is None or "*" in allowed
        self.any_ip = bound is not None and host_name(bound) in ANY_INTERFACE
        self.names = {*LOCAL_HOSTS, *allowed} | ({host_name(bound)} if bound else set())

    def allows(self, header: str | None) -> bool:
        if self.any or header is None:  # no Host header: not a browser, so no rebinding
            return True
        name = host_name(header)
        return name in self.names or (self.any_ip and _is_ip(name))


class Guard:
    """The ASGI middleware: host check, bounded input, security headers, catch-all errors."""

    def __init__(self, app, *, hosts: HostPolicy, max_body: int, csp: str):
        self.app, self.hosts, self.max_body = app, hosts, max_body
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
        ]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, self._limited(receive, scope), send_with_headers)
        except BodyTooLarge as exc:  # raised where no route handled it (the route read the body)
            if started:
                raise
            await _error(request, 413, "too_large", str(exc))(scope, receive, send_with_headers)
        except Exception:
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"))
            if started:  # too late for an error response: the client sees a cut connection
                raise
            message = "internal error (a bug of eventwire's, logged on the server); please report it"
            await _error(request, 500, "internal_error", message)(scope, receive, send_with_headers)

    def _refusal(self, request: Request):
        """An error response for a request refused before its route runs, else None."""
        if not self.hosts.allows(request.headers.get("host")):
            shown = host_name(request.headers.get("host", ""))[:100]
            return _error(
                request,
                400,
                "bad_host",
                f"this server does not answer to host {shown!r}; start it with --allow-host {shown} "
                "to allow that name",
            )
        query = request.scope.get("query_string", b"")
        if len(query) > MAX_QUERY_STRING:
            return _error(request, 414, "too_long", f"the query string is over {MAX_QUERY_STRING:,} bytes")
        for key, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if len(value) > MAX_PARAM_CHARS:
                return _error(
                    request,
                    422,
                    "too_long",
                    f"{key[:40]}: at most {MAX_PARAM_CHARS:,} characters, not {len(value):,}",
                )
            if key == "q" and len(value.split()) > MAX_SEARCH_TERMS:
                return _error(
                    request,
                    422,
                    "too_many_terms",
                    f"q: a search takes at most {MAX_SEARCH_TERMS} words, not {len(value.split())}",
                )
        length = request.headers.get("content-length")
        if request.method in BODY_METHODS and length and length.isdigit() and int(length) > self.max_body:
            return _error(request, 413, "too_large", str(BodyTooLarge(self.max_body)))
        return None

    def _limited(self, receive, scope):
        """``receive`` that counts body bytes and raises BodyTooLarge past the limit."""
        if scope.get("method") not in BODY_METHODS:
            return receive
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        return limited


def _error(request: Request, status: int, code: str, message: str):
    """The documented error shape (an HTML page for dashboard URLs), as an ASGI app."""
    from .responses import error_response

    try:
        return error_response(request, status, code, message)
    except Exception:  # the error page itself failed: the JSON shape always works
        log.exception("could not render the error page")
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
