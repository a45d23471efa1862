"""Text from articles made safe for the places it is shown: terminals, rich markup and spreadsheets.

Article text, file names and ids are untrusted. A control character (ESC
above all) reaching a terminal can rewrite the screen; ``[/bold]`` reaching
rich is markup; a CSV cell starting with ``=`` is a formula to a spreadsheet.
JSON output needs none of this (its encoder escapes control characters).
"""
from __future__ import annotations

import re

# C0 and C1 control characters and DEL, except tab and newline (shown as they are)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# characters that make a spreadsheet read a cell as a formula (OWASP's list)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _visible(m: re.Match[str]) -> str:
    return f"\\x{ord(m.group()):02x}"


def printable(text: str, newlines: bool = True) -> str:
    """``text`` with every control character written out as ``\\xNN`` (and, unless ``newlines``,
    line breaks and tabs too), so nothing reaching a terminal acts on it."""
    out = _CONTROL.sub(_visible, text)
    if not newlines:
        out = out.replace("\n", "\\n").replace("\t", "\\t")
    return out


def markup(text: str) -> str:
    """``text`` for a rich markup string: control characters written out, brackets escaped."""
    from rich.markup import escape

    return escape(printable(text))


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a leading formula character gets a ``'`` before it
    (the usual defence), and control characters are written out. Numbers pass as they are."""
    if not isinstance(value, str):
        return value
    text = printable(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


__all__ = ["csv_cell", "markup", "printable"]
