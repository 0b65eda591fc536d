"""Exceptions that become one-line messages, never tracebacks."""

from __future__ import annotations


class LintnewsError(Exception):
    """Base class: the message is shown to the user as it is."""


class ConfigError(LintnewsError):
    """A configuration file or option is wrong; names the file and the key."""


class PluginError(LintnewsError):
    """A plugin failed to load or declared something inconsistent."""


class InputError(LintnewsError):
    """One input file cannot be read or parsed; the run goes on."""


class PartialInputError(InputError):
    """Part of a file is unreadable (broken front matter); ``article`` is the rest.

    The engine reports the message as the file's error and still checks
    ``article``, so one bad header does not hide the body's problems.
    """

    def __init__(self, message: str, article: object) -> None:
        super().__init__(message)
        self.article = article


class UsageError(LintnewsError):
    """The command line asks for something that does not exist."""


class WorkerError(LintnewsError):
    """Worker processes die before they can check anything (their start-up fails)."""
