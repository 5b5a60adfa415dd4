"""The REST API and web dashboard (``eventwire serve``): FastAPI over ``eventwire.query``."""

from .app import create_app

__all__ = ["create_app"]
