"""``python -m eventwire``."""

from .cli.main import run

run()
