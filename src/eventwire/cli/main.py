"""``eventwire``: the entry point. Each command group lives in its own module with ``register(app)``."""

from __future__ import annotations

import importlib
import sqlite3
import sys

import typer

from ..errors import EventwireError


def _hide_flag_types() -> None:
    """typer labels every option with its type in --help, flags too ("--json <bool>"), though a flag
    takes no value: show a type only for options that take one."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich
    if getattr(shown, "_eventwire", False):
        return

    def display_type_rich(self, ctx):
        return None if self.is_flag else shown(self, ctx)

    display_type_rich._eventwire = True  # type: ignore[attr-defined]
    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_hide_flag_types()

app = typer.Typer(
    name="eventwire",
    help=(
        "Turn news articles into sourced event data: who did what to whom, where, when, how many, "
        "and according to whom.\n\n"
        "Start with:  eventwire ingest ARTICLES...  then  eventwire events  or  eventwire show ID."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMAND_MODULES = ("ingest", "query", "extractions", "export", "eval", "serve", "batch")


def _version_callback(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Show the version."
    ),
) -> None:
    pass


for _name in COMMAND_MODULES:
    importlib.import_module(f"{__package__}.{_name}").register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors print one line ``error: ...`` and exit 1, never a traceback."""
    try:
        # Without standalone mode click returns a command's exit code instead of exiting.
        rc = app(args=argv, standalone_mode=False)
    except EventwireError as exc:
        typer.echo(f"error: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return 130
    except SystemExit as exc:  # typer.Exit inside commands
        return int(exc.code or 0)
    except sqlite3.Error as exc:
        typer.echo(f"error: database error: {exc} [EW301]", err=True)
        return 1
    except Exception as exc:
        # Usage errors (typer ships its own click): they know how to show themselves.
        if hasattr(exc, "exit_code") and hasattr(exc, "show"):
            exc.show()
            return exc.exit_code
        if type(exc).__name__ in ("Abort", "Exit"):
            typer.echo("aborted", err=True)
            return getattr(exc, "exit_code", 1)
        raise
    return rc if isinstance(rc, int) else 0


def run() -> None:
    sys.exit(main())
