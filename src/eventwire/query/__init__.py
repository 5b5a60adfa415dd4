"""The query layer: plain functions over the store, shared by the CLI, the REST API and Python users."""

from .articles import count_articles, get_article, list_articles, resolve_article_id, search_articles, stats
from .filters import parse_event_filter
from .records import (
    EventFilter,
    count_events,
    iter_events,
    list_actors,
    list_events,
    list_places,
    list_quotes,
)

__all__ = [
    "EventFilter",
    "count_articles",
    "count_events",
    "get_article",
    "iter_events",
    "list_actors",
    "list_articles",
    "list_events",
    "list_places",
    "list_quotes",
    "parse_event_filter",
    "resolve_article_id",
    "search_articles",
    "stats",
]
