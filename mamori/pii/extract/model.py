"""Value types of the extraction layer: limits, problems and extracted parts."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

MiB = 1024 * 1024


def gettext_noop(message: str) -> str:
    """Return *message* unchanged; marks an msgid for ``makemessages`` without translating it here."""
    return message


# Problem code -> English msgid with named placeholders (translated to Japanese through gettext).
MESSAGES: Mapping[str, str] = MappingProxyType(
    {
        "encrypted": gettext_noop("%(location)s is encrypted or password-protected and could not be read."),
        "too_large": gettext_noop("%(location)s is larger than the limit of %(limit)s bytes (%(scope)s)."),
        "ratio_exceeded": gettext_noop(
            "%(location)s expands more than %(limit)s times its compressed size (possible archive bomb)."
        ),
        "depth_exceeded": gettext_noop("%(location)s is nested deeper than %(limit)s containers."),
        "timeout": gettext_noop("Reading %(location)s took longer than %(limit)s seconds."),
        "malformed": gettext_noop("%(location)s is damaged or not a valid %(kind)s file."),
        "unsupported": gettext_noop(
            "%(location)s has a format that cannot be read (%(kind)s); its content was not checked."
        ),
        "skipped": gettext_noop("%(location)s was skipped: %(kind)s holds no documents."),
        "unreadable": gettext_noop("%(location)s could not be opened (%(reason)s)."),
        "no_text": gettext_noop(
            "%(location)s has no text layer (scanned image?); its content was not checked."
        ),
        "too_many_members": gettext_noop("%(location)s holds more than %(limit)s entries."),
        "binary": gettext_noop(
            "%(location)s holds binary data (%(kind)s), not text; its content was not checked."
        ),
    }
)

# A problem standing for *more* folded problems of its code in one container (a zip of bombs).
MORE = gettext_noop("%(message)s (and %(more)s more in the same container)")

# Problem code -> short English label (translated through gettext) for lists that show the reason only.
LABELS: Mapping[str, str] = MappingProxyType(
    {
        "encrypted": gettext_noop("encrypted or password-protected"),
        "too_large": gettext_noop("over the size limit"),
        "ratio_exceeded": gettext_noop("possible archive bomb"),
        "depth_exceeded": gettext_noop("nested too deep"),
        "timeout": gettext_noop("reading took too long"),
        "malformed": gettext_noop("damaged or invalid file"),
        "unsupported": gettext_noop("format not supported"),
        "skipped": gettext_noop("skipped (holds no documents)"),
        "unreadable": gettext_noop("could not be opened"),
        "no_text": gettext_noop("no text layer (scanned image?)"),
        "too_many_members": gettext_noop("too many entries"),
        "binary": gettext_noop("binary data, not text"),
    }
)

# Codes that mean "content was not (fully) checked": every code but ``skipped``, which is said of what
# holds no documents (programs, fonts, media, system files, FIFOs). ``unsupported`` is a format that
# can hold them (an image, a RAR archive, an Outlook .pst) and that is not read: not checked either.
INCOMPLETE = frozenset(MESSAGES) - {"skipped"}


@dataclass(frozen=True)
class Limits:
    """Bound the work spent on one input, against archive bombs and huge files."""

    max_file_size: int = 200 * MiB  # one file or archive member, before extraction
    max_total_size: int = 1024 * MiB  # all bytes decompressed from one top-level input
    max_ratio: float = 200.0  # decompressed / compressed size of one archive member
    max_depth: int = 4  # containers inside containers (zip in mail in zip ...)
    max_members: int = 10_000  # entries of one archive
    time_budget: float = 120.0  # seconds for one top-level input
    # Characters of text read per part (sheet, page, body); the rest is skipped and the part marked
    # ``truncated``. ``None`` reads everything (the file scanner); the mail guard sets a content budget.
    max_part_chars: int | None = None


@dataclass(frozen=True)
class Problem:
    """Describe why (part of) an input was not read; ``code`` is stable, ``message`` is for people."""

    code: str
    location: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def template(self) -> str:
        """Return the English msgid of this problem, to translate with gettext."""
        return MESSAGES[self.code]

    @property
    def message(self) -> str:
        """Return the English message with its placeholders filled in."""
        return self.template % {"location": self.location, **self.params}

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-ready mapping of this problem."""
        return {
            "code": self.code,
            "location": self.location,
            "params": dict(self.params),
            "message": self.message,
        }


@dataclass(frozen=True)
class Part:
    """Carry the text of one location of an input (a sheet, a page, a mail body), or its problems.

    ``truncated`` says that only the first ``Limits.max_part_chars`` characters were read. A big
    plain-text file read from disk comes as several parts of one location, cut at line ends:
    ``offset`` is the position of a part's first character in the whole text (0 for the first).
    """

    location: str
    text: str = ""
    encoding: str | None = None
    problems: tuple[Problem, ...] = ()
    truncated: bool = False
    offset: int = 0


class BudgetExceeded(Exception):
    """Signal that the whole extraction must stop; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


class Budget:
    """Track time and decompressed bytes spent on one top-level input."""

    def __init__(self, limits: Limits, location: str) -> None:
        self.limits = limits
        self.location = location
        self.deadline = time.monotonic() + limits.time_budget
        self.total = 0

    def check_time(self) -> None:
        """Raise :class:`BudgetExceeded` when the time budget is spent."""
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(Problem("timeout", self.location, {"limit": self.limits.time_budget}))

    def consume(self, size: int) -> None:
        """Count *size* decompressed bytes; raise :class:`BudgetExceeded` past the total limit."""
        self.total += size
        if self.total > self.limits.max_total_size:
            params = {"limit": self.limits.max_total_size, "scope": "total extracted"}
            raise BudgetExceeded(Problem("too_large", self.location, params))
        self.check_time()


def cut_part(part: Part, max_chars: int | None) -> Part:
    """Return *part* with its text cut to *max_chars* (at the last line break if any), marked truncated."""
    if max_chars is None or len(part.text) <= max_chars:
        return part
    text = part.text[:max_chars]
    newline = text.rfind("\n")
    if newline > 0:
        text = text[:newline]  # whole lines only: a half value could read as another kind
    return replace(part, text=text, truncated=True)


def one_row(line: str) -> str:
    """Return a spreadsheet row's line with the line breaks inside its cells made spaces.

    A cell of two lines (Alt+Enter in Excel: a name and its reading, an address and its building) is
    no second record: on a line of its own its second half sat under the wrong headers and counted as
    another person.
    """
    if "\n" in line or "\r" in line:
        return line.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return line


def problem_part(code: str, location: str, **params: Any) -> Part:
    """Return a text-less part that reports one problem at *location*."""
    return Part(location=location, problems=(Problem(code, location, params),))


def error_name(exc: BaseException) -> str:
    """Return the name of a reader's failure; ``MemoryError`` also when a C library ran out of memory.

    Under a memory limit (the mail guard's check processes) libxml2 fails an allocation and lxml
    raises ``XMLSyntaxError`` saying "Memory allocation failed" or, when libxml2 gave no message at
    all, "unknown error"; a damaged file always comes with a real parser message.
    """
    message = str(exc).lower()
    if isinstance(exc, MemoryError) or "memory allocation failed" in message:
        return "MemoryError"
    if type(exc).__name__ == "XMLSyntaxError" and message.startswith("unknown error"):
        return "MemoryError"
    return type(exc).__name__
