"""``eventwire serve``: the REST API and the web dashboard over one database."""

from __future__ import annotations

import typer

from ..errors import display_name
from .output import DB_OPTION


def register(app: typer.Typer) -> None:
    app.command(
        epilog="Example: eventwire serve --db eventwire.db  (dashboard at http://127.0.0.1:8000/, "
        "API docs at /api/docs)"
    )(serve)


def serve(
    db: str = DB_OPTION,
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Interface to bind (127.0.0.1 keeps it local to this machine)."
    ),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
    token: str = typer.Option(
        None,
        "--token",
        envvar="EVENTWIRE_TOKEN",
        show_envvar=True,
        help="Enable write endpoints (POST /api/articles), which then need 'Authorization: Bearer TOKEN'.",
    ),
    allow_hosts: list[str] = typer.Option(
        [],
        "--allow-host",
        help="Another host name the server answers to (behind a proxy, a DNS name); repeatable; '*' for any. "
        "localhost, 127.0.0.1 and the --host address always work; other Host headers get 400.",
    ),
    query_timeout: float = typer.Option(
        2.0,
        "--query-timeout",
        min=0.0,
        help="Seconds one database query of a request may run before it is stopped with 503 (0: no limit).",
    ),
) -> None:
    """Serve the JSON API (/api, OpenAPI at /api/docs) and the dashboard (/) for a database."""
    from ..errors import require_extra

    require_extra("serve", "eventwire serve", "fastapi", "uvicorn", "jinja2")
    import uvicorn

    from ..serve import create_app

    app = create_app(
        db, token=token, host=host, allowed_hosts=allow_hosts, query_budget=query_timeout or None
    )
    writes = "writes enabled (token required)" if token else "read-only (no --token: writes disabled)"
    typer.echo(f"eventwire: serving {display_name(db)} at http://{host}:{port}/ · {writes}", err=True)
    if host not in ("127.0.0.1", "localhost", "::1") and not token:
        typer.echo("note: listening beyond localhost; the API is read-only without a token", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
