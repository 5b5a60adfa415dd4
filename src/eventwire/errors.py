"""Errors with codes (in the manner of spaCy's E-codes), so users can search for them."""

from __future__ import annotations


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
            where = f"{self.source}:{self.line}: " if self.line else f"{self.source}: "
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


class NotFoundError(EventwireError):
    code = "EW404"


class EvalError(EventwireError):
    code = "EW500"
