"""The dashboard: server-rendered pages over the same query functions as the API.

Templates autoescape everything (article text is untrusted); chart data goes to the page as JSON
through Jinja's ``tojson`` (which escapes ``<``, ``>`` and ``&``) and is drawn by our own small
scripts in ``static/``: no CDN, no third-party code, works offline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader

from .. import __version__, query
from ..models import MODALITIES, PLOVER_TYPES
from ..query import aggregates
from ..query.dataset import count_dataset_events, list_dataset_events
from ..query.records import SORTABLE
from .api import Conn, Filter, Limit, Offset
from .highlight import article_blocks, describe_event

router = APIRouter(include_in_schema=False)
TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
TEMPLATES.globals.update(
    version=__version__,
    plover_types=PLOVER_TYPES,
    modalities=MODALITIES,
    sortable=SORTABLE,
    describe_event=describe_event,
)
EVENT_COLUMNS = [
    ("date", "Date"),
    ("type", "Type"),
    ("source_country", "Source"),
    ("target_country", "Target"),
    ("place_name", "Place"),
    ("modality", "Modality"),
    (None, "According to"),
    (None, "Evidence"),
]


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The current URL's query with ``changes`` applied (None removes a key); blank values dropped."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and v != ""]
    for key, value in changes.items():
        if value is not None and value != "":
            params.extend((key, v) for v in (value if isinstance(value, list) else [value]))
    qs = urlencode(params)
    return f"{path or request.url.path}{'?' + qs if qs else ''}"


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = TEMPLATES.get_template(name).render(
        request=request,
        url_with=lambda *a, **k: url_with(request, *a, **k),
        db=Path(request.app.state.db).name,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)  # the pages carry an inline icon; this only silences old clients


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, conn: Conn, f: Filter) -> HTMLResponse:
    if "sort" not in request.query_params:  # newest first on the dashboard (undated events sort last)
        f.sort, f.descending = "date", True
    # Canonical events (reports merged), as the API, the CLI and the exports list them.
    _kind, rows = list_dataset_events(conn, f)
    return render(
        request,
        "events.html",
        events=rows,
        total=count_dataset_events(conn, f),
        f=f,
        columns=EVENT_COLUMNS,
        timeline=aggregates.timeline(conn, f),
        geo=aggregates.map_points(conn, f, limit=500),
        summary=aggregates.summary(conn),
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, conn: Conn, f: Filter, by: Annotated[str, Query(pattern="^(country|name)$")] = "country"
) -> HTMLResponse:
    matrix = aggregates.actor_matrix(conn, f, by=by, top=15)
    cells = {(c["source"], c["target"]): c for c in matrix["cells"]}
    peak = max((c["events"] for c in matrix["cells"]), default=1)
    grid = [[cells.get((s, t)) for t in matrix["targets"]] for s in matrix["sources"]]
    top_actors = query.list_actors(conn, limit=25)
    return render(
        request, "actors.html", matrix=matrix, grid=grid, peak=peak, f=f, by=by, top_actors=top_actors
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, conn: Conn, f: Filter) -> HTMLResponse:
    return render(request, "map.html", geo=aggregates.map_points(conn, f), f=f)


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request, conn: Conn, q: str = "", limit: Limit = 25, offset: Offset = 0
) -> HTMLResponse:
    from ..query.totals import count_search

    if q.strip():
        rows, total = query.search_articles(conn, q, limit=limit, offset=offset), count_search(conn, q)
    else:
        rows, total = query.list_articles(conn, limit=limit, offset=offset), query.count_articles(conn)
    return render(request, "articles.html", articles=rows, total=total, q=q, limit=limit, offset=offset)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, conn: Conn, article_id: str) -> HTMLResponse:
    article = query.get_article(conn, article_id)
    if article["id"] != article_id:  # a prefix: send the browser to the canonical URL
        return RedirectResponse(f"/articles/{article['id']}", status_code=307)  # type: ignore[return-value]
    counts = {c["id"]: c for c in article["counts"]}
    return render(request, "article.html", article=article, blocks=article_blocks(article), counts=counts)
