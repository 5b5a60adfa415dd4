"""Terminal rendering of one article: paragraphs, dropped noise, highlighted evidence."""

from __future__ import annotations

from typing import Any

STYLES = {
    "events": "bold red",
    "quotes": "green",
    "actors": "cyan",
    "places": "magenta",
    "counts": "yellow",
    "times": "blue",
}
# Highlight order: later layers win where spans overlap (event triggers on top).
LAYERS = ("times", "counts", "places", "actors", "quotes", "events")


def render_article(article: dict[str, Any], *, show_dropped: bool = True) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    head = article.get("title") or "(untitled)"
    console.print(f"[bold]{head}[/bold]")
    console.print(
        f"[dim]{article['id']} · {article.get('published') or 'no date'} · "
        f"{article.get('outlet') or ''} {article.get('url') or ''}[/dim]"
    )
    if article.get("byline") or article.get("dateline"):
        console.print(
            f"[dim]byline: {article.get('byline') or '-'} · dateline: {article.get('dateline') or '-'}[/dim]"
        )
    console.print()
    legend = Text("legend: ")
    for layer in LAYERS:
        legend.append(layer[:-1] + " ", style=STYLES[layer])
    console.print(legend)
    console.print()
    text = article["text"]
    for para in article["paragraphs"]:
        label = f"{para['line']:>3} " if para.get("line") else f"{para['idx'] + 1:>3} "
        if not para["kept"]:
            if show_dropped:
                console.print(
                    Text(f"{label}✗ {para['text']}  [dropped: {para['reason']}]", style="dim strike")
                )
            continue
        body = Text(text[para["start"] : para["end"]])
        for layer in LAYERS:
            for rec in article[layer]:
                s, e = rec["start"] - para["start"], rec["end"] - para["start"]
                if 0 <= s < e <= len(body.plain):
                    body.stylize(STYLES[layer], s, e)
        console.print(Text(label, style="dim") + body)
        for ev in article["events"]:
            if para["start"] <= ev["start"] < para["end"]:
                console.print(Text("      ↳ " + describe_event(ev), style=STYLES["events"]))
        for q in article["quotes"]:
            if para["start"] <= q["start"] < para["end"]:
                who = q.get("speaker_text") or "unknown speaker"
                console.print(
                    Text(
                        f"      ↳ QUOTE by {who}{' (anonymous)' if q['anonymous'] else ''}: "
                        f"“{q['text'][:60]}…”",
                        style=STYLES["quotes"],
                    )
                )


def describe_event(ev: dict[str, Any]) -> str:
    src = f"{ev.get('source_name') or '?'} [{ev.get('source_country') or '-'}]"
    tgt = f"{ev.get('target_name') or '?'} [{ev.get('target_country') or '-'}]"
    mode = f":{','.join(ev['mode'])}" if ev.get("mode") else ""
    bits = [f"{ev['type']}{mode}", f"{src} → {tgt}", ev["modality"]]
    if ev.get("date"):
        bits.append(f"on {ev['date']}")
    if ev.get("place_name"):
        bits.append(f"at {ev['place_name']}")
    if ev.get("attribution_speaker") or ev.get("attribution_via"):
        bits.append(
            f"according to {ev.get('attribution_speaker') or ''} "
            f"{('via ' + ev['attribution_via']) if ev.get('attribution_via') else ''}".strip()
        )
    return " · ".join(bits)
