"""``eventwire eval KIND PATH``: score the pipeline against a gold set."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import typer

from ..errors import EvalError

# One line per kind for --help; the metric names are documented in docs/evaluation.md.
KIND_HELP = {
    "annotated": "folder of NAME.txt + NAME.expected.json (the founding-example format): noise, events, "
    "quotes, counts, places, actors",
    "extraction": "html/*.html.gz + ground-truth.json (Article Extraction Benchmark): body-text shingle "
    "P/R/F1 vs trafilatura",
    "plover": "plover_gsr_dev.jsonl (PLOVER gold records): event type, actors, location, counts",
    "case2021": "case2021_task2_dev.tsv (CASE 2021 task 2): event sub-type macro-F1",
    "polnear": "PolNeAR folder (text/ + attributions/): quote detection and speaker attribution",
    "geowebnews": "GWN.xml (GeoWebNews): toponym P/R/F1 and geocoding accuracy",
    "event-location": "relabel_dev.jsonl (event_location): where each event happened",
    "meantime": "MEANTIME CAT XML folder: time expressions (TIMEX3) found and normalised",
    "relevance": "folder of whole stories labelled political or not (BBC-style TSV, or ID.txt + "
    "ID.meta.json): asserted events on non-political stories, political stories kept",
    "relevance-dev": "the same, on the dev half of the stories (split by a hash of the story id)",
    "relevance-heldout": "the same, on the held-out half (score only when a change is done)",
}
DOCS = "docs/evaluation.md"
KIND_MODULE_NAMES = {
    "event-location": "event_location",
    "relevance-dev": "relevance",
    "relevance-heldout": "relevance",
}


def _help_text() -> str:
    kinds = "\n".join(f"- [bold]{name}[/bold]: {line}" for name, line in KIND_HELP.items())
    return (
        "Score the whole pipeline on a gold set and print its metrics.\n\n"
        f"KIND is one of:\n\n{kinds}\n\n"
        f"Every metric name, its definition and the gold-data layout are documented in {DOCS}.\n\n"
        "Examples:  eventwire eval annotated my_articles/ --json\n\n"
        "eventwire eval extraction ../shared/gold/extraction --limit 20 --report cleaning.md\n\n"
        "eventwire eval plover ../shared/gold/plover --rules-only   (the rules without the learned coder)"
    )


KIND_ARG = typer.Argument(..., help=f"Gold-set kind: {', '.join(KIND_HELP)}.", show_default=False)
PATH_ARG = typer.Argument(..., help="Gold data: a folder or file laid out like that kind's gold set.")
JSON_OPT = typer.Option(False, "--json", help="Print one JSON object instead of a table.")
LIMIT_OPT = typer.Option(None, "--limit", min=1, help="Score only the first N gold units.")
REPORT_OPT = typer.Option(None, "--report", help="Also write a markdown report to FILE.")
RULES_OPT = typer.Option(
    False, "--rules-only", help="Score the trigger rules alone, without the learned coder (for comparison)."
)
CONFIDENCE_OPT = typer.Option(
    None,
    "--min-confidence",
    min=0.0,
    max=1.0,
    help="The event check's floor, as for ingest (default: the shipped one); 0 scores every event.",
)


def eval_command(
    kind: str = KIND_ARG,
    path: Path = PATH_ARG,
    as_json: bool = JSON_OPT,
    limit: int | None = LIMIT_OPT,
    report: Path | None = REPORT_OPT,
    rules_only: bool = RULES_OPT,
    min_confidence: float | None = CONFIDENCE_OPT,
) -> None:
    from ..eval import run_eval
    from ..options import Options

    if kind not in KIND_HELP:
        raise EvalError(f"unknown eval kind {kind!r}; choose one of: {', '.join(KIND_HELP)}")
    if not path.exists():
        raise EvalError(f"gold data not found: {path}")
    try:
        result = run_eval(
            kind, path, limit=limit, options=Options(coder=not rules_only, min_confidence=min_confidence)
        )
    except ModuleNotFoundError as exc:
        if exc.name != f"eventwire.eval.{KIND_MODULE_NAMES.get(kind, kind)}":
            raise
        raise EvalError(f"eval kind {kind!r} is not implemented in this version of eventwire") from exc
    if report is not None:
        write_report(result, report)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
    else:
        print_metrics(result)
    crashed = result.get("internal_errors") or []
    for line in crashed:  # counted as wrong in the metrics above; named here
        typer.echo(f"error: {line}", err=True)
    if crashed:
        typer.echo(
            f"note: {len(crashed)} gold item(s) crashed the pipeline and were scored as wrong", err=True
        )
        raise typer.Exit(1)


def print_metrics(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"eventwire eval {result['kind']}", caption=f"{result['n']} scored from {result['path']}"
    )
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in result["metrics"].items():
        table.add_row(name, format_value(value))
    Console().print(table)


def format_value(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def render_report(result: dict[str, Any], today: dt.date | None = None) -> str:
    """A markdown report: what was scored, by which version, and the metrics table."""
    today = today or dt.date.today()
    lines = [
        f"# eventwire eval {result['kind']}",
        "",
        f"- gold data: `{result['path']}`",
        f"- scored units: {result['n']}",
        f"- eventwire version: {result['eventwire_version']}",
        f"- date: {today.isoformat()}",
        f"- metric definitions: {DOCS}",
        "",
        "| metric | value |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {format_value(value)} |" for name, value in result["metrics"].items()]
    return "\n".join(lines) + "\n"


def write_report(result: dict[str, Any], report: Path) -> None:
    try:
        report.write_text(render_report(result), encoding="utf-8")
    except OSError as exc:
        raise EvalError(f"could not write the report to {report}: {exc.strerror}") from exc


def register(app: typer.Typer) -> None:
    app.command("eval", help=_help_text(), no_args_is_help=True)(eval_command)
