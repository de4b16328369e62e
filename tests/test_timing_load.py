"""Loading timing files: a file written by ``save`` loads back exactly; every malformed file
raises ``TimingError`` naming the file and the field (a JSON path), which ``polyarray bench
--compare`` prints as one line, exiting with status 2. Hypothesis feeds random bytes, random
JSON and mutations of a valid file to ``load`` and allows two outcomes only: ``TimingError``,
or a run that comparison, table, CSV and JSON all handle.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polyarray import _cli
from polyarray.backends import Backend
from polyarray.timing import (
    SCHEMA,
    Measurement,
    Problem,
    Run,
    TimingError,
    capture_environment,
    compare,
    compare_runs,
    dumps,
    format_run,
    load,
    loads,
    save,
    to_csv,
)
from polyarray.timing._csv import COLUMNS
from polyarray.timing._suite import SEED_SUITE, select

TINY: dict[str, Any] = {"min_time": 0.002, "max_time": 0.01, "warmup": 0.0, "min_samples": 2}


def _sample_run() -> Run:
    measured = Measurement(
        "matmul",
        "numpy",
        "throughput",
        (1e-3, 2e-3, 1.5e-3),
        number=4,
        params={"n": 100, "shape": [2, 3]},
        dtype="float32",
        flops=2_000_000,
        bytes=1.2e5,
        peak_gflops=10.0,
        warmup_calls=3,
        warnings=("a warning",),
        labels={"tf32": False, "error": 1e-7},
    )
    zero = Measurement("f", "torch", "latency", (0.0, 0.0))  # a spread that is stored as null
    problem = Problem("grad", "numpy", "-", "skipped", "needs torch", {"n": 8}, "float32")
    return Run(
        env=capture_environment(["numpy"]),
        results=(measured, zero),
        problems=(problem,),
        warnings=("loaded machine: test",),
        options={"modes": ["throughput"], "baseline": "numpy", "quick": True},
    )


SAMPLE_TEXT = dumps(_sample_run())
SAMPLE = json.loads(SAMPLE_TEXT)


def _write(tmp_path: Path, content: str | bytes, name: str = "run.json") -> Path:
    (path := tmp_path / name).write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _changed(change: Callable[[dict[str, Any]], object]) -> str:
    document = copy.deepcopy(SAMPLE)
    change(document)
    return json.dumps(document)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change that sets the field at ``path`` ("results.0.times") to ``value``."""
    *parents, last = path.split(".")

    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        key = int(last) if isinstance(target, list) else last
        if value is _DELETE:
            del target[key]
        else:
            target[key] = value

    return change


_DELETE = object()


# -- what save writes loads back exactly ---------------------------------------------------


def test_a_saved_run_loads_back_exactly(backend: Backend, tmp_path: Path) -> None:
    run = compare(select(SEED_SUITE, ["reshape", "matmul"]), backends=[backend], sizes=[16], **TINY)
    path = save(run, tmp_path / "run.json")
    back = load(path)
    assert dumps(back) == path.read_text(encoding="utf-8")
    assert back.problems == run.problems
    assert back.warnings == run.warnings
    for original, loaded in zip(run.results, back.results, strict=True):
        assert loaded.to_dict() == json.loads(json.dumps(original.to_dict(), default=str))


def test_the_sample_run_loads_back_exactly(tmp_path: Path) -> None:
    back = load(_write(tmp_path, SAMPLE_TEXT))
    assert dumps(back) == SAMPLE_TEXT
    assert back.results[0].flops == 2_000_000
    assert isinstance(back.results[0].flops, int)  # as written, not turned into a float
    assert back.results[1].stats.spread == float("inf")  # null in the file: recomputed


def test_a_byte_order_mark_is_harmless(tmp_path: Path) -> None:
    back = load(_write(tmp_path, b"\xef\xbb\xbf" + SAMPLE_TEXT.encode()))
    assert dumps(back) == SAMPLE_TEXT


def test_a_minimal_file_loads() -> None:
    run = loads('{"schema": "polyarray.timing/1", "results": []}')
    assert (run.results, run.problems, run.env, run.options) == ((), (), {}, {})


# -- every malformed file names the file and the field -------------------------------------

FILE_ERRORS = {
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\xff", "not UTF-8 text"),
    "empty": (b"", "is empty"),
    "blank": (b" \n\t\n", "is empty"),
    "not JSON": (b"timings: 1 ms", "is not JSON"),
    "truncated": (SAMPLE_TEXT[:-40].encode(), "is not JSON"),
    "a list": (b"[1, 2]", "no 'schema' field"),
    "a string": (b'"polyarray.timing/1"', "no 'schema' field"),
    "null": (b"null", "no 'schema' field"),
    "an object without schema": (b'{"results": []}', "no 'schema' field"),
    "another schema": (b'{"schema": "polyarray.timing/2"}', "has schema 'polyarray.timing/2'"),
    "a schema of the wrong type": (b'{"schema": 1}', "has schema of the wrong type"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "nests too deeply"),
    "deep object": (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "nests too deeply"),
}


@pytest.mark.parametrize(("content", "message"), FILE_ERRORS.values(), ids=FILE_ERRORS)
def test_an_unreadable_file_is_explained(tmp_path: Path, content: bytes, message: str) -> None:
    path = _write(tmp_path, content, "bad file.json")
    with pytest.raises(TimingError, match=message) as caught:
        load(path)
    assert repr(str(path)) in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("name", "message"),
    [("absent.json", "No such file"), (".", "Is a directory"), ("a\0b.json", "null byte")],
)
def test_a_path_that_cannot_be_read_is_explained(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(TimingError, match=f"cannot read .*{message}"):
        load(tmp_path / name)


FIELD_ERRORS: dict[str, tuple[Callable[[dict[str, Any]], object], str, str]] = {
    # the cases of the issue
    "flops a string": (_set("results.0.flops", "many"), "results[0].flops", "must be a number"),
    "times a string": (_set("results.0.times", "123"), "results[0].times", "list of seconds"),
    # required keys and unknown ones
    "no results": (_set("results", _DELETE), "", "lacks the required 'results'"),
    "no times": (_set("results.1.times", _DELETE), "results[1]", "lacks the required 'times'"),
    "no kind": (_set("problems.0.kind", _DELETE), "problems[0]", "lacks the required 'kind'"),
    "a typo": (_set("results.0.flop", 1), "results[0].flop", "is unknown"),
    "a top-level typo": (_set("result", []), "result", "is unknown"),
    "a stats typo": (_set("results.0.stats.medain", 1.0), "results[0].stats.medain", "unknown"),
    # lists and objects
    "results an object": (_set("results", {}), "results", "must be a list"),
    "a result a list": (_set("results.0", []), "results[0]", "must be an object"),
    "problems a string": (_set("problems", "none"), "problems", "must be a list"),
    "env a list": (_set("env", []), "env", "must be an object"),
    "params a list": (_set("results.0.params", [1]), "results[0].params", "must be an object"),
    "labels null": (_set("results.0.labels", None), "results[0].labels", "must be an object"),
    "stats a number": (_set("results.0.stats", 1), "results[0].stats", "must be an object"),
    # times
    "no times at all": (_set("results.0.times", []), "results[0].times", "is empty"),
    "a time a string": (_set("results.0.times.1", "1"), "results[0].times[1]", "must be a number"),
    "a time true": (_set("results.0.times.0", True), "results[0].times[0]", "must be a number"),
    "a time null": (_set("results.0.times.0", None), "results[0].times[0]", "must be a number"),
    "a negative time": (_set("results.0.times.2", -1e-3), "results[0].times[2]", "negative"),
    # counts and other numbers
    "number a float": (_set("results.0.number", 4.0), "results[0].number", "must be an integer"),
    "number zero": (_set("results.0.number", 0), "results[0].number", "at least 1"),
    "warmup negative": (_set("results.0.warmup_calls", -1), "warmup_calls", "at least 0"),
    "bytes negative": (_set("results.0.bytes", -5), "results[0].bytes", "must not be negative"),
    "gflops a string": (_set("results.0.gflops", "fast"), "results[0].gflops", "a number"),
    "stats median text": (_set("results.0.stats.median", "1"), "stats.median", "a number"),
    "samples a float": (_set("results.0.stats.samples", 3.5), "stats.samples", "an integer"),
    # strings
    "name a number": (_set("results.0.name", 1), "results[0].name", "must be a string"),
    "backend null": (_set("results.1.backend", None), "results[1].backend", "must be a string"),
    "mode a list": (_set("results.0.mode", ["x"]), "results[0].mode", "must be a string"),
    "dtype a number": (_set("results.0.dtype", 32), "results[0].dtype", "must be a string"),
    "a warning a number": (_set("warnings.0", 3), "warnings[0]", "must be a string"),
    "warnings a string": (_set("results.0.warnings", "x"), "results[0].warnings", "a list"),
    "problem dtype": (_set("problems.0.dtype", 1), "problems[0].dtype", "must be a string"),
    # the environment and options polyarray reads back
    "cpu a string": (_set("env.cpu", "x86"), "env.cpu", "must be an object"),
    "flags a string": (_set("env.cpu.flags", "avx2"), "env.cpu.flags", "must be a list"),
    "cores text": (_set("env.cpu.usable_cores", "2"), "env.cpu.usable_cores", "an integer"),
    "load text": (_set("env.load_average", "high"), "env.load_average", "must be a list"),
    "a package a number": (_set("env.packages.numpy", 2), "env.packages.numpy", "a string"),
    "gpus an object": (_set("env.gpus", {}), "env.gpus", "must be a list"),
    "modes a string": (_set("options.modes", "throughput"), "options.modes", "must be a list"),
    "baseline a list": (_set("options.baseline", []), "options.baseline", "must be a string"),
    "quick a number": (_set("options.quick", 1), "options.quick", "true or false"),
}


@pytest.mark.parametrize(("change", "field", "message"), FIELD_ERRORS.values(), ids=FIELD_ERRORS)
def test_a_malformed_field_is_named(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], field: str, message: str
) -> None:
    path = _write(tmp_path, _changed(change))
    with pytest.raises(TimingError, match="malformed") as caught:
        load(path)
    text = str(caught.value)
    assert repr(str(path)) in text
    assert field in text
    assert message in text
    assert "\n" not in text


def _replace_first_time(token: str) -> str:
    return SAMPLE_TEXT.replace("0.001", token, 1)


NUMBER_ERRORS = {
    "1e999": (_replace_first_time("1e999"), "results[0].times[0]", "not a finite number"),
    "-1e999": (_replace_first_time("-1e999"), "results[0].times[0]", "not a finite number"),
    "NaN": (_replace_first_time("NaN"), "results[0].times[0]", "not a finite number"),
    "Infinity": (_replace_first_time("Infinity"), "results[0].times[0]", "not a finite number"),
    "5000 digits": (
        SAMPLE_TEXT.replace('"number": 4', '"number": ' + "9" * 5000),
        "results[0].number",
        "(5000 digits)",
    ),
    "an int beyond any float": (
        SAMPLE_TEXT.replace('"flops": 2000000', '"flops": 1' + "0" * 400),
        "results[0].flops",
        "larger than any float",
    ),
    "a free-form NaN": (
        SAMPLE_TEXT.replace('"tf32": false', '"tf32": NaN'),
        "results[0].labels.tf32",
        "not a finite number",
    ),
    "a free-form long int": (
        SAMPLE_TEXT.replace('"n": 100', '"n": ' + "1" * 5000),
        "results[0].params.n",
        "(5000 digits)",
    ),
    "a duplicate key": (
        SAMPLE_TEXT.replace('"number": 4', '"number": 4, "number": 5'),
        "results[0].number",
        "given twice",
    ),
    "an unpaired surrogate": (
        SAMPLE_TEXT.replace('"a warning"', '"\\ud800"'),
        "results[0].warnings[0]",
        "unpaired surrogate",
    ),
    "a free-form nesting": (
        SAMPLE_TEXT.replace('"tf32": false', '"tf32": ' + "[" * 200 + "]" * 200),
        "results[0].labels.tf32",
        "nests deeper than 32 levels",
    ),
}


@pytest.mark.parametrize(("text", "field", "message"), NUMBER_ERRORS.values(), ids=NUMBER_ERRORS)
def test_what_json_allows_and_python_cannot_hold_is_named(
    tmp_path: Path, text: str, field: str, message: str
) -> None:
    assert text != SAMPLE_TEXT  # the replacement found its target
    with pytest.raises(TimingError, match="malformed") as caught:
        load(_write(tmp_path, text))
    assert field in str(caught.value)
    assert message in str(caught.value)


# -- the command ---------------------------------------------------------------------------

CLI_CASES = {
    "binary": b"\x00\xff\xfe\x89",
    "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    "flops a string": _changed(_set("results.0.flops", "many")).encode(),
    "times a string": _changed(_set("results.0.times", "123")).encode(),
    "1e999": _replace_first_time("1e999").encode(),
}


@pytest.mark.parametrize("content", CLI_CASES.values(), ids=CLI_CASES)
@pytest.mark.parametrize("which", ["base", "new"])
def test_compare_of_a_malformed_file_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, which: str
) -> None:
    good = _write(tmp_path, SAMPLE_TEXT, "good.json")
    bad = _write(tmp_path, content, "bad.json")
    files = [bad, good] if which == "base" else [good, bad]
    assert _cli.main(["bench", "--compare", *map(str, files)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith("polyarray bench: error: ")
    assert repr(str(bad)) in line


def test_compare_refuses_a_malformed_base_before_timing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_timing(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a malformed base file must be refused before timing")

    monkeypatch.setattr("polyarray.timing._runner.compare", no_timing)
    bad = _write(tmp_path, _changed(_set("results.0.times", "123")))
    assert _cli.main(["bench", "--compare", str(bad)]) == 2
    assert "results[0].times" in capsys.readouterr().err


def test_the_command_prints_no_traceback(tmp_path: Path) -> None:
    bad = _write(tmp_path, CLI_CASES["deep nesting"])
    completed = subprocess.run(
        [sys.executable, "-m", "polyarray", "bench", "--compare", str(bad), str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert len(completed.stderr.splitlines()) == 1, completed.stderr
    assert "nests too deeply" in completed.stderr


# -- nothing but TimingError, whatever the bytes -------------------------------------------

#: JSON texts Python reads with trouble: out of range, too long, not JSON numbers, deep.
AWKWARD = [
    "1e999",
    "-1e999",
    "NaN",
    "-Infinity",
    "9" * 5000,
    "1" + "0" * 400,
    "1e-400",
    "-0",
    '"\\ud800"',
    '{"a": 1, "a": 2}',
    "[" * 3000 + "]" * 3000,
    '{"": {"": {"": {"": {"": {"": {"": {"": {"": {"": 1}}}}}}}}}}',
]
PLACEHOLDER = "\x00polyarray-placeholder\x00"

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**1100), max_value=2**1100)
    | st.floats()
    | st.text(max_size=12)
    | st.just(PLACEHOLDER)
)
json_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, (dict, list)):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            found += _paths(item, (*prefix, key))
    return found


SAMPLE_PATHS = _paths(SAMPLE)[1:]


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """The sample file with one to three fields replaced, deleted or added, or bytes cut."""
    document = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(1, 3))):
        *parents, last = draw(st.sampled_from(SAMPLE_PATHS))
        target: Any = document
        try:
            for key in parents:
                target = target[key]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "delete" or (action == "add" and isinstance(target, list)):
                del target[last]
            elif action == "add":
                target[draw(st.text(max_size=8))] = draw(json_values)
            else:
                target[last] = draw(json_values)
        except (KeyError, IndexError, TypeError):  # an earlier change removed the path
            continue
    text = json.dumps(document, indent=draw(st.sampled_from([None, 1])))
    text = text.replace(json.dumps(PLACEHOLDER), draw(st.sampled_from(AWKWARD)))
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        start = draw(st.integers(0, len(data)))
        data = data[:start] + draw(st.binary(max_size=8)) + data[start + draw(st.integers(0, 8)) :]
    return data


def _random_json_files() -> st.SearchStrategy[bytes]:
    return json_values.map(
        lambda v: (
            json.dumps({"schema": SCHEMA, "results": [v]} if isinstance(v, dict) else v)
            .replace(json.dumps(PLACEHOLDER), "1e999")
            .encode("utf-8", "surrogatepass")
        )
    )


def _load_only_timing_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.json"
        path.write_bytes(data)
        try:
            run = load(path)
        except TimingError as exc:
            error = str(exc)
        else:
            return _every_consumer_handles(run)
    assert "\n" not in error
    assert repr(str(path)) in error


def _every_consumer_handles(run: Run) -> None:
    # Whatever loads, comparison, table and CSV handle; and it saves and loads back the same.
    assert len(compare_runs(run, run).changes) == len({m.key for m in run.results})
    assert format_run(run)
    assert to_csv(run).startswith(",".join(COLUMNS))
    assert dumps(loads(dumps(run))) == dumps(run)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200) | mutated_files() | _random_json_files())
def test_load_raises_only_timing_error(data: bytes) -> None:
    _load_only_timing_errors(data)


_times = st.lists(st.floats(0, 1e300), min_size=1, max_size=6)
_labels = st.dictionaries(st.text(max_size=6), st.integers() | st.text(max_size=6), max_size=3)
measurements = st.builds(
    Measurement,
    name=st.text(max_size=10),
    backend=st.sampled_from(["numpy", "torch", "torch:cuda:0"]),
    mode=st.sampled_from(["throughput", "device", "latency", "cold"]),
    times=_times.map(tuple),
    number=st.integers(1, 10**9),
    params=_labels,
    dtype=st.none() | st.sampled_from(["float32", "int8", "bool"]),
    flops=st.none() | st.integers(0, 10**20) | st.floats(0, 1e300),
    bytes=st.none() | st.floats(0, 1e300),
    peak_gflops=st.none() | st.floats(0, 1e6),
    warmup_calls=st.integers(0, 100),
    warnings=st.lists(st.text(max_size=10), max_size=2).map(tuple),
    labels=_labels,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(measurements, max_size=3))
def test_any_valid_run_saves_and_loads_back_exactly(results: list[Measurement]) -> None:
    text = dumps(Run(env={"python": "3"}, results=tuple(results)))
    back = loads(text)
    assert dumps(back) == text
    assert [m.times for m in back.results] == [m.times for m in results]
    _every_consumer_handles(back)
