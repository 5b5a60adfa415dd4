"""Errors with codes (in the manner of spaCy's E-codes), so users can search for them."""

from __future__ import annotations


def display_name(name: object) -> str:
    """A file name (or any outside text) as it may appear in a one-line message.

    Printed as is when every character is printable; otherwise repr-escaped (``'a\\nb.txt'``), so
    a name holding a newline or a terminal escape can't forge an extra line of output.
    """
    text = str(name)
    return text if text.isprintable() else repr(text)


class EventwireError(Exception):
    """A user-facing error: the CLI prints ``[code] message`` and never a traceback."""

    code = "EW000"

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(self.__str__())

    def __reduce__(self):  # keep source and line when errors cross process boundaries
        return (_rebuild, (type(self), self.message, self.source, self.line))

    def __str__(self) -> str:
        where = ""
        if self.source:
            source = display_name(self.source)
            where = f"{source}:{self.line}: " if self.line else f"{source}: "
        return f"{where}{self.message} [{self.code}]"


def _rebuild(cls, message, source, line):
    return cls(message, source=source, line=line)


class InputError(EventwireError):
    """The input can't be read as an article (missing, binary, empty, bad encoding, malformed)."""

    code = "EW100"


class NotEnglishError(InputError):
    code = "EW101"


class TooLargeError(InputError):
    code = "EW102"


class ModelError(EventwireError):
    code = "EW200"


class StoreError(EventwireError):
    code = "EW300"


class MissingExtraError(EventwireError):
    """An optional dependency is not installed: the message names the extra that brings it."""

    code = "EW210"


def require_extra(extra: str, feature: str, *modules: str) -> None:
    """Import ``modules`` or raise one line naming the extra to install.

    ``require_extra("serve", "eventwire serve", "fastapi", "uvicorn")`` →
    ``eventwire serve needs fastapi, which is not installed: pip install 'eventwire[serve]'``.
    """
    import importlib

    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            raise MissingExtraError(
                f"{feature} needs {module.split('.')[0]}, which is not installed: "
                f"pip install 'eventwire[{extra}]'"
            ) from None


class NotFoundError(EventwireError):
    code = "EW404"


class EvalError(EventwireError):
    code = "EW500"


class InternalError(EventwireError):
    """An exception of ours (a bug, not bad input) that stopped one article; the batch goes on.

    ``stage`` is where it happened (read, clean, nlp, extract, store, eval) and ``component`` the
    extractor component for the extract stage. The traceback travels as text, so the error can be
    pickled across worker processes and stored in the ``failures`` table.
    """

    code = "EW900"

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        stage: str = "extract",
        component: str | None = None,
        article_id: str | None = None,
        error_type: str = "Exception",
        traceback: str = "",
    ):
        self.stage, self.component, self.article_id = stage, component, article_id
        self.error_type, self.traceback = error_type, traceback
        super().__init__(message, source=source, line=line)

    @classmethod
    def from_exception(
        cls,
        exc: BaseException,
        *,
        stage: str,
        source: str | None,
        component: str | None = None,
        article_id: str | None = None,
    ) -> InternalError:
        import traceback

        component = component or getattr(exc, "eventwire_component", None)
        err = cls(
            str(exc) or type(exc).__name__,
            source=source,
            stage=stage,
            component=component,
            article_id=article_id,
            error_type=type(exc).__name__,
            traceback="".join(traceback.format_exception(exc)),
        )
        err.__cause__ = exc
        return err

    def __reduce__(self):
        state = (self.stage, self.component, self.article_id, self.error_type, self.traceback)
        return (_rebuild_internal, (self.message, self.source, self.line, state))

    def __str__(self) -> str:
        """``internal error in extractor counts on feed.jsonl:3 (article 26407b…): IndexError: …``"""
        where = "extractor " + self.component if self.component else self.stage
        source = display_name(self.source) if self.source else "<input>"
        source = f"{source}:{self.line}" if self.source and self.line else source
        article = f" (article {self.article_id})" if self.article_id else ""
        return (
            f"internal error in {where} on {source}{article}: {self.error_type}: {self.message} [{self.code}]"
        )


def _rebuild_internal(message, source, line, state):
    stage, component, article_id, error_type, traceback = state
    return InternalError(
        message,
        source=source,
        line=line,
        stage=stage,
        component=component,
        article_id=article_id,
        error_type=error_type,
        traceback=traceback,
    )
