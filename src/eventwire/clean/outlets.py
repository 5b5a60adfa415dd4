"""The outlet of an article from its URL when the source does not name it (a small known table).

Known domains map to the outlet's name (``outlets.tsv``; users extend it with a file of the same name
in a ``--lexicon-dir``); any other URL gives its host without ``www.``, which still tells analysts
where a report came from and keeps independent sources apart when clustering.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

OUTLETS_FILE = "outlets.tsv"


@lru_cache(maxsize=8)
def known_outlets(extra_dirs: tuple[str, ...] = ()) -> dict[str, str]:
    """domain → outlet name, bundled table first, then each user directory's ``outlets.tsv``."""
    table: dict[str, str] = {}
    for path in [Path(__file__).with_name(OUTLETS_FILE), *(Path(d) / OUTLETS_FILE for d in extra_dirs)]:
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#") and "\t" in line:
                domain, name = line.split("\t", 1)
                table[domain.strip().lower()] = name.strip()
    return table


def outlet_from_url(url: str | None, extra_dirs: tuple[str, ...] = ()) -> str | None:
    """'Voice of America' for https://www.voanews.com/a/...; the bare host for unknown domains."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.removeprefix("www.")
    table = known_outlets(tuple(extra_dirs))
    parts = host.split(".")
    for i in range(len(parts) - 1):  # news.bbc.co.uk → bbc.co.uk → co.uk
        candidate = ".".join(parts[i:])
        if candidate in table:
            return table[candidate]
    return host
