"""The dashboard: server-rendered pages over the same query functions as the API and the CLI.

Templates autoescape everything (article text is untrusted). Chart and map data go to the page as
JSON data blocks (``<script type="application/json">``, through Jinja's ``tojson``, which escapes
``<``, ``>`` and ``&``) and are drawn by the package's own scripts in ``static/`` with Leaflet and
the Natural Earth boundaries vendored under ``static/vendor/``: no inline script, no CDN, no tile
server, so the pages work offline and under a ``script-src 'self'`` content security policy.

The URL holds the whole state of a page (filters, unit, sort, page; the map's view in its
fragment), so every view is a permalink. Downloads stream the current filter through the CLI's
export functions (``eventwire.query.export``).
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from jinja2 import Environment, FileSystemLoader

from .. import __version__, query
from ..models import MODALITIES, PLOVER_TYPES
from ..query import aggregates, explore
from ..query.canonical import count_canonical_events
from ..query.dataset import is_clustered, list_dataset_events
from ..query.records import SORTABLE
from ..store import connect
from .deps import Conn, Filter, Limit, Offset
from .highlight import article_blocks, describe_event

router = APIRouter(include_in_schema=False)
TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
TEMPLATES.filters["q"] = lambda value: quote(str(value), safe="")
TEMPLATES.globals.update(
    version=__version__,
    plover_types=PLOVER_TYPES,
    modalities=MODALITIES,
    sortable=SORTABLE,
    describe_event=describe_event,
    country_label=explore.country_label,
)

# Filter parameters as the URL spells them, with how a chip names them.
FILTER_PARAMS = {
    "type": "Type",
    "mode": "Mode",
    "modality": "Modality",
    "source_country": "Source country",
    "target_country": "Target country",
    "actor_name": "Actor",
    "outlet": "Outlet",
    "place": "Place",
    "actor": "Actor code or name contains",
    "country": "Country (any role)",
    "since": "From",
    "until": "To",
    "dated": "Date",
    "text": "Sentence contains",
    "article": "Article",
}
DATED_LABELS = {"day": "dated to a day or week", "partial": "only a month or year", "none": "undated"}
# (format in the URL, export format, media type, file extension, label)
DOWNLOADS = (
    ("csv", "csv", "text/csv; charset=utf-8", "csv", "CSV"),
    ("json", None, "application/json", "json", "JSON"),
    ("geojson", "geojson", "application/geo+json", "geojson", "GeoJSON"),
    ("plover-jsonl", "plover-jsonl", "application/x-ndjson", "jsonl", "PLOVER JSONL"),
    ("acled-csv", "acled-csv", "text/csv; charset=utf-8", "acled.csv", "ACLED-style CSV"),
)
EVENT_COLUMNS = [
    ("date", "Date"),
    ("type", "Type"),
    (None, "Source → target"),
    ("place_name", "Place"),
    ("modality", "Modality"),
    ("mentions", "Reports"),
    (None, "Evidence"),
]
REPORT_COLUMNS = [c if c[0] != "mentions" else ("confidence", "Conf.") for c in EVENT_COLUMNS]
Unit = Annotated[str, Query(pattern="^(events|reports)$", description="events (canonical) or reports")]


# --- URLs -----------------------------------------------------------------------------------------


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """The current URL's query with ``changes`` applied (None removes a key); blank values dropped."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes and v != ""]
    for key, value in changes.items():
        if value is not None and value != "":
            params.extend((key, v) for v in (value if isinstance(value, list) else [value]))
    qs = urlencode(params)
    return f"{path or request.url.path}{'?' + qs if qs else ''}"


def filter_query(request: Request, **changes: Any) -> str:
    """Only the filter part of the current query (no paging or sort), with ``changes``: for links
    from one page to the events of another (an actor's page to its events, the map to a place)."""
    keep = {*FILTER_PARAMS, "view", "sort"}
    params = [(k, v) for k, v in request.query_params.multi_items() if k in keep and k not in changes and v]
    for key, value in changes.items():
        if value is not None and value != "":
            params.extend((key, v) for v in (value if isinstance(value, list) else [value]))
    return urlencode(params)


def toggle_url(request: Request, key: str, value: str, path: str | None = None) -> str:
    """Add ``key=value`` to the query, or remove it when present (a facet click); back to page one."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "offset" and v != ""]
    if (key, value) in items:
        items.remove((key, value))
    else:
        items.append((key, value))
    qs = urlencode(items)
    return f"{path or request.url.path}{'?' + qs if qs else ''}"


def chips(request: Request) -> list[dict[str, str]]:
    """The active filters, each with the URL that removes it."""
    out = []
    for key, value in request.query_params.multi_items():
        if key in FILTER_PARAMS and value.strip():
            shown = DATED_LABELS.get(value, value) if key == "dated" else value
            if key in ("source_country", "target_country", "country") and explore.country_label(value):
                shown = f"{value} · {explore.country_label(value)}"
            out.append(
                {
                    "key": key,
                    "label": FILTER_PARAMS[key],
                    "value": shown,
                    "remove": toggle_url(request, key, value),
                }
            )
    return out


def actor_url(name: str | None, canonical_id: str | None = None) -> str | None:
    """An actor's page: by canonical id when known (all its names on one page), else by name."""
    key = canonical_id or name
    return f"/actors/{quote(key, safe=':')}" if key else None


def event_url(event_id: str) -> str:
    return f"/events/{quote(event_id, safe=':')}"


TEMPLATES.globals.update(actor_url=actor_url, event_url=event_url)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = TEMPLATES.get_template(name).render(
        request=request,
        url_with=lambda *a, **k: url_with(request, *a, **k),
        toggle_url=lambda *a, **k: toggle_url(request, *a, **k),
        filter_query=lambda **k: filter_query(request, **k),
        db=Path(request.app.state.db).name,
        **context,
    )
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=308)  # type: ignore[return-value]


# --- the explorer ----------------------------------------------------------------------------------


def _explore_context(request: Request, conn, f, view: str) -> dict[str, Any]:
    canonical = explore.use_canonical(conn, view)
    return {
        "f": f,
        "view": "events" if canonical else "reports",
        "clustered": is_clustered(conn),
        "chips": chips(request),
        "facets": explore.facets(conn, f, canonical),
        "totals": explore.totals(conn, f, canonical),
        "downloads": [(key, label) for key, _, _, _, label in DOWNLOADS],
        "dated_labels": DATED_LABELS,
        "canonical": canonical,
    }


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, conn: Conn, f: Filter, view: Unit = "events") -> HTMLResponse:
    if "sort" not in request.query_params:  # newest first on the dashboard (undated events sort last)
        f.sort, f.descending = "date", True
    ctx = _explore_context(request, conn, f, view)
    kind, rows = list_dataset_events(conn, f, mentions=not ctx["canonical"])
    total = count_canonical_events(conn, f) if kind == "events" else query.count_events(conn, f)
    if kind == "events":
        explore.attach_reported_dates(conn, rows)
    return render(
        request,
        "events.html",
        events=rows,
        total=total,
        columns=EVENT_COLUMNS if ctx["canonical"] else REPORT_COLUMNS,
        timeline=explore.timeline(conn, f, ctx["canonical"]),
        geo=explore.map_layers(conn, f, ctx["canonical"]),
        unclustered=explore.unclustered(conn),
        **ctx,
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, conn: Conn, f: Filter, view: Unit = "events") -> HTMLResponse:
    ctx = _explore_context(request, conn, f, view)
    return render(request, "map.html", geo=explore.map_layers(conn, f, ctx["canonical"]), **ctx)


@router.get("/events/{event_id:path}", response_class=HTMLResponse)
def event_page(request: Request, conn: Conn, event_id: str) -> HTMLResponse:
    detail = explore.event_detail(conn, event_id)
    if detail["event"]["id"] != event_id:  # a report's id: the canonical event's page, at that report
        url = f"{event_url(detail['event']['id'])}#report-{quote(event_id, safe=':')}"
        return RedirectResponse(url, status_code=307)  # type: ignore[return-value]
    return render(request, "event.html", **detail)


# --- actors ---------------------------------------------------------------------------------------


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, conn: Conn, f: Filter, by: Annotated[str, Query(pattern="^(country|name)$")] = "country"
) -> HTMLResponse:
    matrix = aggregates.actor_matrix(conn, f, by=by, top=15)
    cells = {(c["source"], c["target"]): c for c in matrix["cells"]}
    peak = max((c["events"] for c in matrix["cells"]), default=1)
    grid = [[cells.get((s, t)) for t in matrix["targets"]] for s in matrix["sources"]]
    top_actors = query.list_actors(conn, limit=40)
    return render(
        request,
        "actors.html",
        matrix=matrix,
        grid=grid,
        peak=peak,
        level=lambda n: min(6, 1 + int(5 * n / peak)) if peak else 1,
        f=f,
        by=by,
        top_actors=top_actors,
        chips=chips(request),
    )


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, conn: Conn, f: Filter, name: str, view: Unit = "events") -> HTMLResponse:
    canonical = explore.use_canonical(conn, view)
    profile = explore.actor_profile(conn, name, f, canonical)
    if profile.get("id"):
        f.actor_ids = [profile["id"]]  # every name the canonical actor was written as
    else:
        f.actor_names = [name]
    f.sort, f.descending, f.limit, f.offset = "date", True, 15, 0
    kind, recent = list_dataset_events(conn, f, mentions=not canonical)
    if kind == "events":
        explore.attach_reported_dates(conn, recent)
    return render(
        request, "actor.html", actor=profile, recent=recent, canonical=canonical, chips=chips(request), f=f
    )


# --- articles -------------------------------------------------------------------------------------


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


# --- downloads ------------------------------------------------------------------------------------


@router.get("/download/{fmt}")
def download(request: Request, conn: Conn, f: Filter, fmt: str, view: Unit = "events") -> Response:
    """Every event of the current filter (no paging) in ``fmt``, written by ``eventwire.query.export``:
    the same bytes as ``eventwire export -f FMT`` with the same filter (``--mentions`` for reports)."""
    spec = next((d for d in DOWNLOADS if d[0] == fmt), None)
    if spec is None:
        from ..errors import NotFoundError

        raise NotFoundError(f"no download format {fmt!r}; choose from {', '.join(d[0] for d in DOWNLOADS)}")
    _, export_format, media_type, ext, _ = spec
    mentions = not explore.use_canonical(conn, view)
    name = f"eventwire-{'reports' if mentions else 'events'}{_slug(request)}.{ext}"
    body = _stream(request.app.state.db, export_format, f, mentions)
    return StreamingResponse(
        body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _slug(request: Request) -> str:
    parts = [v for k, v in request.query_params.multi_items() if k in FILTER_PARAMS and v]
    text = "-".join(parts)[:60]
    clean = "".join(c if c.isalnum() or c in "-_." else "_" for c in text).strip("_")
    return f"-{clean}" if clean else ""


class _QueueWriter:
    """A text stream whose writes go to a queue in chunks (the consumer is the HTTP response)."""

    CHUNK = 64 * 1024

    def __init__(self, q: queue.Queue, cancelled: threading.Event):
        self.q, self.cancelled, self.parts, self.size = q, cancelled, [], 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= self.CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.parts:
            self._put("".join(self.parts).encode("utf-8"))
            self.parts, self.size = [], 0

    def _put(self, item) -> None:
        while not self.cancelled.is_set():
            try:
                self.q.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Cancelled


class _Cancelled(Exception):
    pass


def _stream(db: str, export_format: str | None, f, mentions: bool) -> Iterator[bytes]:
    """Run the export in a thread with its own connection, yielding what it writes as it writes it."""
    from ..query.export import export, export_events

    q: queue.Queue = queue.Queue(maxsize=16)
    cancelled = threading.Event()
    f.limit, f.offset = 0, 0

    def produce() -> None:
        out = _QueueWriter(q, cancelled)
        conn = connect(db, readonly=True)
        try:
            if export_format is None:  # JSON: the records an export writes, as one array
                out.write("[")
                for n, record in enumerate(export_events(conn, f, mentions)):
                    out.write(("," if n else "") + "\n" + json.dumps(record, ensure_ascii=False, default=str))
                out.write("\n]\n")
            else:
                export(conn, export_format, out, f, mentions=mentions)
            out.flush()
            out._put(None)
        except _Cancelled:
            pass
        except Exception as exc:  # noqa: BLE001 - handed to the response, which stops there
            try:
                out._put(exc)
            except _Cancelled:
                pass
        finally:
            conn.close()

    thread = threading.Thread(target=produce, daemon=True, name="eventwire-download")
    thread.start()
    try:
        while True:
            item = q.get()
            if item is None:
                return
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        cancelled.set()
