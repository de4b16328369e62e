#!/usr/bin/env bash
# Run the Array API conformance suite (data-apis/array-api-tests) against polyarray.
#
# Usage: conformance/run.sh SUITE_CHECKOUT BACKEND [extra pytest arguments...]
#
#   SUITE_CHECKOUT  a checkout of data-apis/array-api-tests with its spec submodule
#                   (data-apis/array-api, at the commit the suite pins) at SUITE/array-api.
#                   This script fetches nothing; see docs/conformance.md for the setup.
#   BACKEND         numpy | torch | jax (any POLYARRAY_BACKEND spec)
#
# Environment:
#   OUT=dir          where the JSON report and summary go (default /tmp/polyarray-conformance)
#   WORKERS=n        pytest-xdist workers (default 2)
#   EXAMPLES=n       hypothesis examples per test (default 100)
#   USE_XFAILS=1     pass conformance/BACKEND-xfails.txt to the suite (CI mode: the run
#                    fails only on failures not listed there)
#
# The figures in docs/conformance.md come from the default settings: standard 2025.12,
# 100 examples, seed 0, two workers, no shrinking (conformance/noshrink.py), every dtype.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    sed -n '2,20p' "$0" >&2
    exit 2
fi
suite=$(cd "$1" && pwd)
backend=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${OUT:-/tmp/polyarray-conformance}
name=${backend//:/-}
mkdir -p "$out"

if [[ ! -f "$suite/array_api_tests/__init__.py" || ! -d "$suite/array-api/spec" ]]; then
    echo "error: $suite is not a checkout of array-api-tests with its array-api submodule" >&2
    echo "(expected $suite/array_api_tests/ and $suite/array-api/spec/)" >&2
    exit 2
fi

xfail_args=()
if [[ "${USE_XFAILS:-0}" == 1 ]]; then
    xfail_args=(--xfails-file "$here/${backend%%:*}-xfails.txt")
fi

cd "$suite"
status=0
env ARRAY_API_TESTS_MODULE=polyarray \
    POLYARRAY_BACKEND="$backend" \
    ARRAY_API_TESTS_VERSION=2025.12 \
    PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" \
    python -m pytest array_api_tests \
        -p noshrink -p no:cacheprovider \
        -n "${WORKERS:-2}" \
        --max-examples "${EXAMPLES:-100}" \
        --hypothesis-seed 0 \
        --hypothesis-disable-deadline \
        --json-report --json-report-omit collectors streams \
        --json-report-file "$out/$name.json" \
        -q -o addopts="" \
        ${xfail_args[@]+"${xfail_args[@]}"} \
        "$@" || status=$?

python "$here/summarize.py" "$out/$name.json" --xfails "$here/${backend%%:*}-xfails.txt" \
    | tee "$out/$name-summary.txt"
exit $status
