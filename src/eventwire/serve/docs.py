"""``/api/docs``: the API reference as a plain page rendered from the OpenAPI schema.

FastAPI's Swagger UI and ReDoc pages load their code from a CDN, so they are blank offline and
would need the CDN in the Content-Security-Policy. This page needs nothing but the server: every
endpoint with its parameters, bodies and responses, and a form per GET endpoint to try it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict[str, Any]) -> str:
    """A short type name: integer, string (YYYY-MM-DD), array of string, one of …"""
    if not schema:
        return ""
    if "anyOf" in schema:
        return " or ".join(t for t in (_type(s) for s in schema["anyOf"]) if t and t != "null")
    if schema.get("type") == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    return str(schema.get("type", ""))


def _limits(schema: dict[str, Any]) -> str:
    parts = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "minLength", "maxLength") if k in schema]
    for option in schema.get("anyOf", []):
        parts += [f"{k} {option[k]}" for k in ("minimum", "maximum", "pattern") if k in option]
    if "pattern" in schema:
        parts.append(f"pattern {schema['pattern']}")
    return ", ".join(parts)


def endpoints(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema's operations, flattened for the template."""
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            params = [
                {
                    "name": p["name"],
                    "in": p.get("in", "query"),
                    "required": p.get("required", False),
                    "type": _type(p.get("schema", {})),
                    "limits": _limits(p.get("schema", {})),
                    "default": p.get("schema", {}).get("default"),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": f"{method}-"
                    + path.strip("/").replace("/", "-").replace("{", "").replace("}", ""),
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "bodies": sorted(op.get("requestBody", {}).get("content", {})),
                    "responses": sorted(op.get("responses", {}).items()),
                    "try_it": method == "get" and "{" not in path,
                }
            )
    return found


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    from .pages import render

    spec = request.app.openapi()
    return render(
        request, "api_docs.html", spec=spec, spec_url=request.app.openapi_url, endpoints=endpoints(spec)
    )
