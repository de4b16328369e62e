"""Text that fits its width: the output's width, wrapping at word boundaries, and the two
layouts of a results table.

Nothing here splits a word. Prose (warnings, notes, the legend, the header) is wrapped
with :mod:`textwrap` at spaces; a table too wide for the width moves each case's
benchmark, size and dtype to a title line above its rows (the *narrow* layout), then drops
optional columns; a word longer than the width stays whole and overflows.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TextIO

__all__ = ["PIPE_WIDTH", "Line", "TableRow", "output_width", "table_lines", "wrap"]

#: Columns of output written to a file or a pipe when ``COLUMNS`` does not say.
PIPE_WIDTH = 100
#: Narrower than this, wrapping makes no sense: a word a line.
_MIN_WIDTH = 20
#: Indent of a row under its case's title line in the narrow layout.
_INDENT = "  "


def output_width(stream: TextIO | None = None) -> int:
    """``COLUMNS`` when set, else the terminal's width, else :data:`PIPE_WIDTH`."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if stream is not None and stream.isatty():
        return shutil.get_terminal_size().columns
    return PIPE_WIDTH


def wrap(text: str, width: int, *, first: str = "", rest: str = "  ") -> list[str]:
    """``text`` in lines of at most ``width``, broken at spaces only (never in a word)."""
    return textwrap.wrap(
        text,
        width=max(width, _MIN_WIDTH),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


@dataclass(frozen=True)
class TableRow:
    """A row's cells; whether it starts a case; whether it is marked untrustworthy."""

    cells: Sequence[str]
    first_of_case: bool
    flagged: bool


@dataclass(frozen=True)
class Line:
    """One output line and what it is: ``header``, ``rule``, ``title``, ``row``,
    ``flagged`` (an untrustworthy row) or ``blank``."""

    text: str
    kind: str


def _render(cells: Sequence[str], widths: Sequence[int], right: Collection[int]) -> str:
    return "  ".join(
        cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
        for i, cell in enumerate(cells)
    ).rstrip()


def _grid(
    header: Sequence[str],
    rows: Sequence[TableRow],
    columns: Sequence[int],
    right: Collection[int],
    indent: str,
) -> tuple[list[str], list[str]]:
    """The header, the rule and each row of ``columns``, rendered; widths from the cells."""
    table = [[header[i] for i in columns], *([row.cells[i] for i in columns] for row in rows)]
    widths = [max(len(line[k]) for line in table) for k in range(len(columns))]
    aligned = {k for k, i in enumerate(columns) if i in right}
    head = [
        indent + _render(table[0], widths, aligned),
        indent + "  ".join("-" * w for w in widths),
    ]
    return head, [indent + _render(line, widths, aligned) for line in table[1:]]


def _width_of(header: Sequence[str], rows: Sequence[TableRow], columns: Sequence[int]) -> int:
    sizes = [max([len(header[i]), *(len(row.cells[i]) for row in rows)]) for i in columns]
    return sum(sizes) + 2 * (len(columns) - 1)


def table_lines(
    header: Sequence[str],
    rows: Sequence[TableRow],
    width: int,
    *,
    case_columns: int,
    right: Collection[str],
    optional: Sequence[str] = (),
) -> list[Line]:
    """The table in ``width`` columns: wide when it fits, else narrow (see the module).

    The first ``case_columns`` cells of a row name its case (empty on the case's later
    rows); ``right`` are the titles of right-aligned columns; ``optional`` the titles of
    columns to drop, in this order, while the narrow layout is still too wide.
    """
    right_index = {i for i, title in enumerate(header) if title in right}
    every = list(range(len(header)))
    lines: list[Line] = []
    if _width_of(header, rows, every) <= width:
        head, body = _grid(header, rows, every, right_index, "")
        lines += [Line(head[0], "header"), Line(head[1], "rule")]
        for index, (row, text) in enumerate(zip(rows, body, strict=True)):
            if row.first_of_case and index:
                lines.append(Line("", "blank"))
            lines.append(Line(text, "flagged" if row.flagged else "row"))
        return lines
    columns = every[case_columns:]
    for title in optional:
        if len(_INDENT) + _width_of(header, rows, columns) <= width:
            break
        if title in header and header.index(title) in columns:
            columns.remove(header.index(title))
    head, body = _grid(header, rows, columns, right_index, _INDENT)
    # The case columns' titles head the title lines, as the others head the rows.
    case_header = " ".join(header[:case_columns])
    lines += [Line(case_header, "header"), Line("-" * len(case_header), "rule")]
    lines += [Line(head[0], "header"), Line(head[1], "rule")]
    for row, text in zip(rows, body, strict=True):
        if row.first_of_case:
            title = " ".join(cell for cell in row.cells[:case_columns] if cell)
            if lines[-1].kind != "rule":
                lines.append(Line("", "blank"))
            lines += [Line(part, "title") for part in wrap(title, width, rest=_INDENT)]
        lines.append(Line(text, "flagged" if row.flagged else "row"))
    return lines
