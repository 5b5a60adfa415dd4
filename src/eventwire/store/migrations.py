"""Named schema migrations, applied in order and recorded in the ``_migrations`` table.

Never edit a migration that has shipped: add a new one. Each is a name and a SQL script.
"""

from __future__ import annotations

PROVENANCE = "eventwire_version TEXT NOT NULL, config_hash TEXT NOT NULL"

M001_CORE = f"""
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT, title TEXT, outlet TEXT, published TEXT,
    source TEXT, format TEXT, language TEXT, byline TEXT, dateline TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    n_paragraphs INTEGER NOT NULL, n_dropped INTEGER NOT NULL,
    meta TEXT,
    ingested_at TEXT NOT NULL,
    {PROVENANCE}
);
CREATE INDEX idx_articles_published ON articles(published);
CREATE INDEX idx_articles_url ON articles(url);

CREATE TABLE paragraphs (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    line INTEGER,
    text TEXT NOT NULL,
    kept INTEGER NOT NULL,
    reason TEXT,
    start INTEGER, "end" INTEGER,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL, label TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE INDEX idx_entities_article ON entities(article_id);
CREATE INDEX idx_entities_label ON entities(label, text);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL, name TEXT NOT NULL,
    country TEXT, sector TEXT, person TEXT, office TEXT,
    anonymous INTEGER NOT NULL DEFAULT 0,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    {PROVENANCE}
);
CREATE INDEX idx_actors_article ON actors(article_id);
CREATE INDEX idx_actors_country ON actors(country, sector);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL, name TEXT NOT NULL, country TEXT,
    lat REAL, lon REAL, kind TEXT, precision TEXT,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    {PROVENANCE}
);
CREATE INDEX idx_places_article ON places(article_id);
CREATE INDEX idx_places_country ON places(country);

CREATE TABLE times (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL, value TEXT, precision TEXT, type TEXT, resolved INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    {PROVENANCE}
);
CREATE INDEX idx_times_article ON times(article_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    type TEXT NOT NULL, mode TEXT,
    trigger TEXT NOT NULL,
    source_actor_id TEXT REFERENCES actors(id), target_actor_id TEXT REFERENCES actors(id),
    -- denormalised for fast filtering
    source_name TEXT, source_country TEXT, source_sector TEXT,
    target_name TEXT, target_country TEXT, target_sector TEXT,
    date TEXT, date_precision TEXT, date_text TEXT,
    place_id TEXT REFERENCES places(id),
    place_name TEXT, place_country TEXT, lat REAL, lon REAL,
    modality TEXT NOT NULL,
    attribution_speaker TEXT, attribution_anonymous INTEGER, attribution_via TEXT,
    attribution_actor_id TEXT REFERENCES actors(id),
    confidence REAL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    {PROVENANCE}
);
CREATE INDEX idx_events_article ON events(article_id);
CREATE INDEX idx_events_type_date ON events(type, date);
CREATE INDEX idx_events_source ON events(source_country, type, date);
CREATE INDEX idx_events_target ON events(target_country, type, date);
CREATE INDEX idx_events_date ON events(date);

CREATE TABLE counts (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
    value REAL NOT NULL, value_high REAL, qualifier TEXT, unit TEXT, category TEXT,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    {PROVENANCE}
);
CREATE INDEX idx_counts_article ON counts(article_id);
CREATE INDEX idx_counts_event ON counts(event_id);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    speaker_text TEXT, speaker_actor_id TEXT REFERENCES actors(id),
    speaker_country TEXT, speaker_sector TEXT,
    cue TEXT, addressee TEXT, anonymous INTEGER NOT NULL, direct INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    speaker_start INTEGER, speaker_end INTEGER,
    {PROVENANCE}
);
CREATE INDEX idx_quotes_article ON quotes(article_id);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, \
old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, \
old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""

M002_INGEST_LOG = """
-- What each ingest run saw: lets an interrupted ingest resume and a re-ingest say "nothing new".
CREATE TABLE ingest_log (
    source TEXT PRIMARY KEY,
    article_id TEXT,
    status TEXT NOT NULL,          -- stored | unchanged | failed
    message TEXT,
    at TEXT NOT NULL
);
"""

M003_SCALE = """
-- Resumable ingest: per input file, the last record whose outcome is committed (see pipeline/resume.py).
CREATE TABLE ingest_progress (
    path TEXT NOT NULL,              -- absolute path of the input file
    config_hash TEXT NOT NULL,       -- progress only counts for the settings it was made with
    unit TEXT NOT NULL,              -- line (JSONL) | offset (WARC record byte offset)
    position INTEGER NOT NULL,       -- last completed line / record offset
    prefix_len INTEGER NOT NULL,     -- the file's first bytes, hashed: a rewritten file starts over
    prefix_hash TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (path, config_hash)
);

-- Near-duplicate articles (syndicated copy, re-posts): one canonical article per group.
CREATE TABLE duplicate_groups (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL,
    canonical_id TEXT NOT NULL,
    similarity REAL NOT NULL,        -- estimated Jaccard of word shingles with the canonical article
    params_hash TEXT NOT NULL
);
CREATE INDEX idx_duplicate_groups_group ON duplicate_groups(group_id);

-- Canonical events: event mentions of several articles merged (see cluster/events.py).
CREATE TABLE event_clusters (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL, modality TEXT,
    source_name TEXT, source_country TEXT, target_name TEXT, target_country TEXT,
    date_first TEXT, date_last TEXT,
    place_name TEXT, place_country TEXT, lat REAL, lon REAL,
    mentions INTEGER NOT NULL,       -- event mentions merged
    articles INTEGER NOT NULL,       -- distinct articles
    sources INTEGER NOT NULL,        -- independent sources: distinct outlets, near-duplicates counted once
    confidence REAL NOT NULL,
    canonical_event_id TEXT,         -- the most confident mention, shown as the cluster's evidence
    params_hash TEXT NOT NULL
);
CREATE INDEX idx_event_clusters_type_date ON event_clusters(type, date_first);
CREATE INDEX idx_event_clusters_date ON event_clusters(date_first);

CREATE TABLE event_cluster_members (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL REFERENCES event_clusters(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL
);
CREATE INDEX idx_event_cluster_members_cluster ON event_cluster_members(cluster_id);

-- The settings of the clustering in the store (one row per run; the last one is current).
CREATE TABLE clustering_runs (
    id INTEGER PRIMARY KEY,
    params TEXT NOT NULL, params_hash TEXT NOT NULL,
    events INTEGER NOT NULL, clusters INTEGER NOT NULL, duplicate_groups INTEGER NOT NULL,
    at TEXT NOT NULL
);
"""

M004_EVENT_FILTER_INDEX = """
-- The usual filter (type + date range + an actor) answered from one index: without it SQLite reads
-- every event of the type in the date range to check the actor (benchmarks/bench_query.py).
CREATE INDEX idx_events_type_date_actors ON events(type, date, source_country, target_country);
DROP INDEX idx_events_type_date;
"""

M005_FAILURES = """
-- Internal errors (our bugs, not bad input): one row per article an exception stopped, with the
-- stage and extractor component it came from and its traceback (`eventwire ingest --debug` prints it).
CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,            -- file, path:line, path@offset, path#item
    article_id TEXT,                 -- None when the article never got an id (cleaning failed)
    stage TEXT NOT NULL,             -- read | clean | nlp | extract | store | eval
    component TEXT,                  -- the extractor component, e.g. counts
    error_type TEXT NOT NULL,
    message TEXT NOT NULL,
    traceback TEXT NOT NULL,
    eventwire_version TEXT,
    config_hash TEXT,
    at TEXT NOT NULL
);
CREATE INDEX idx_failures_source ON failures(source);
"""

M007_INCREMENTAL_CLUSTERING = """
-- Clustering as articles are stored (cluster/incremental.py): each article's MinHash signature and
-- LSH band keys, so a new article meets its near-duplicates through an index instead of a rebuilt
-- LSH; canonical events carry their counts reconciled across reports (cluster/reconcile.py).
CREATE TABLE article_minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    params_hash TEXT NOT NULL,
    signature BLOB NOT NULL
);
CREATE TABLE article_lsh (
    band_key TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX idx_article_lsh_article ON article_lsh(article_id);
CREATE INDEX idx_event_cluster_members_article ON event_cluster_members(article_id);
ALTER TABLE event_clusters ADD COLUMN dead INTEGER;
ALTER TABLE event_clusters ADD COLUMN injured INTEGER;
ALTER TABLE event_clusters ADD COLUMN arrested INTEGER;
ALTER TABLE event_clusters ADD COLUMN size INTEGER;
"""

M006_CANONICAL_ACTORS = """
-- Every actor mention links to one canonical actor (stable id and name), and records how its
-- country was decided (lexicon, kb, modifier, located, dateline, context, coreference).
ALTER TABLE actors ADD COLUMN canonical_id TEXT;
ALTER TABLE actors ADD COLUMN canonical_name TEXT;
ALTER TABLE actors ADD COLUMN country_reason TEXT;
CREATE INDEX idx_actors_canonical ON actors(canonical_id);
"""

M008_DATASETTE_FTS = """
-- The full-text index declared the way datasette detects it (content="articles", double quotes),
-- so `datasette news.db` offers search on the articles table; rebuilt from the articles.
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content="articles", content_rowid="rowid");
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"""

M009_EVENT_COACTORS = f"""
-- The further parties coordinated with an event's source or target ("the United States and Jordan
-- agreed": source the United States, source_also Jordan), in text order. The events table keeps
-- its one source and one target; an event's parties by role are its actor plus these rows.
CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL REFERENCES actors(id),
    {PROVENANCE},
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX idx_event_actors_actor ON event_actors(actor_id);
CREATE INDEX idx_event_actors_article ON event_actors(article_id);
"""

M010_EVENT_JOINT = """
-- 1 when an event's source and target are the two sides of a joint act named as one coordinated
-- subject ("Peru and Chile agreed"): the PLOVER export lists both as sources, as PLOVER codes it.
ALTER TABLE events ADD COLUMN joint INTEGER NOT NULL DEFAULT 0;
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("001_core", M001_CORE),
    ("002_ingest_log", M002_INGEST_LOG),
    ("003_scale", M003_SCALE),
    ("004_event_filter_index", M004_EVENT_FILTER_INDEX),
    ("005_failures", M005_FAILURES),
    ("006_canonical_actors", M006_CANONICAL_ACTORS),
    ("007_incremental_clustering", M007_INCREMENTAL_CLUSTERING),
    ("008_datasette_fts", M008_DATASETTE_FTS),
    ("009_event_coactors", M009_EVENT_COACTORS),
    ("010_event_joint", M010_EVENT_JOINT),
]
