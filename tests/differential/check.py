"""One differential check: a (mutated) call on NumPy and on another backend, compared."""

from __future__ import annotations

from differential.compare import Divergence, compare, run, snapshot, written_input
from differential.draw import Call


def check(name: str, call: Call, spec: str) -> Divergence | None:
    """How ``pa.name(*call.args, **call.kwargs)`` on ``spec`` differs from NumPy, if it does.

    Each backend runs on its own copy of the inputs, checked afterwards: a call must never
    write into its input, on any backend.
    """
    before = snapshot(call)
    expected = run(name, call, "numpy")
    written = written_input(call, before)
    if written is not None:
        return Divergence("numpy " + written.cause, written.detail)
    actual = run(name, call, spec)
    written = written_input(call, before)
    if written is not None:
        return Divergence(f"{spec} {written.cause}", written.detail)
    return compare(name, call, expected, actual, spec)
