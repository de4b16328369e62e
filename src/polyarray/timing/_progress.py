"""Progress of a benchmark run on stderr: a rich progress bar, or plain lines without rich."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

from polyarray.timing._runner import Progress

__all__ = ["progress_reporter"]


@contextlib.contextmanager
def progress_reporter(
    *, enabled: bool = True, use_rich: bool = False, stream: TextIO | None = None
) -> Iterator[Progress | None]:
    """A ``progress(done, total, label)`` callback for :func:`~polyarray.timing.compare`.

    With rich: a transient progress bar. Without: one line per measurement (rewritten in
    place on a terminal), so a CI log still shows where a slow run is.
    """
    if not enabled:
        yield None
        return
    out = stream if stream is not None else sys.stderr
    if use_rich:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import (
            Progress as Bar,
        )

        bar = Bar(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=out),
            transient=True,
        )
        task = bar.add_task("benchmarks", total=None)

        def report_rich(done: int, total: int, label: str) -> None:
            bar.update(task, completed=done, total=total, description=label)

        with bar:
            yield report_rich
        return

    interactive = out.isatty()

    def report_plain(done: int, total: int, label: str) -> None:
        if done >= total:
            if interactive:
                out.write("\r\033[K")
                out.flush()
            return
        line = f"[{done + 1}/{total}] {label}"
        out.write(f"\r\033[K{line}" if interactive else f"{line}\n")
        out.flush()

    yield report_plain
