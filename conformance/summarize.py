"""Summarise a conformance run: counts, function-form failures, and the xfails file.

Usage: python conformance/summarize.py REPORT.json [--xfails FILE]

REPORT.json is what ``run.sh`` writes (pytest-json-report). "Function form" means every
test except those of the array object (``test_array_object.py``) and of operators and
array methods (test ids naming a dunder such as ``__add__`` or ``__iadd__``, and the tests
of the array's own methods, ``test_dunder_dlpack``): a library
that returns native arrays cannot change the framework's own operators.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

_DUNDER = re.compile(r"__[a-z_]+__|\bmT\b|\.T\b|to_device|^test_dunder_")


def is_function_form(nodeid: str) -> bool:
    """Whether a test id tests a function (not an operator, a method or the array object)."""
    path, _, rest = nodeid.partition("::")
    if path.endswith("test_array_object.py"):
        return False
    return _DUNDER.search(rest) is None


def read_xfails(path: Path) -> list[str]:
    """Test ids of an xfails file (lines starting with '#' are the reasons)."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _matches(nodeid: str, pattern: str) -> bool:
    # The suite's own rule (conftest.check_id_match), reduced to what xfails files use.
    return (
        nodeid == pattern
        or nodeid.startswith(pattern.removesuffix("/") + "/")
        or nodeid.split("[", 1)[0] == pattern
        or nodeid.split("::", 2)[0] == pattern
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--xfails", type=Path, default=None)
    args = parser.parse_args(argv)
    tests = json.loads(args.report.read_text())["tests"]

    outcomes = Counter(test["outcome"] for test in tests)
    failed = sorted(t["nodeid"] for t in tests if t["outcome"] in ("failed", "error"))
    function_failed = [n for n in failed if is_function_form(n)]
    print(f"report: {args.report}")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"failed: {len(failed)} (function form: {len(function_failed)})")
    for nodeid in failed:
        print(f"  {'F' if nodeid in function_failed else 'o'} {nodeid}")

    if args.xfails is not None:
        xfails = read_xfails(args.xfails)
        unlisted = [n for n in failed if not any(_matches(n, p) for p in xfails)]
        # xfailed/xpassed appear when the run used --xfails-file; failed when it did not.
        still = {t["nodeid"] for t in tests if t["outcome"] in ("failed", "error", "xfailed")}
        stale = [p for p in xfails if not any(_matches(n, p) for n in still)]
        print(f"failures not in {args.xfails.name}: {len(unlisted)}")
        for nodeid in unlisted:
            print(f"  + {nodeid}")
        print(f"entries of {args.xfails.name} that did not fail: {len(stale)}")
        for pattern in stale:
            print(f"  - {pattern}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
