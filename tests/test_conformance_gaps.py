"""What the conformance suite found on one backend, checked on every backend."""

from __future__ import annotations

import numpy as np
import pytest

import polyarray as pa


@pytest.mark.parametrize("axes", [(0, -2, -1), (-1, -3, 1), [2, -2, 0]])
def test_permute_dims_takes_negative_axes(xp: object, axes: tuple[int, ...]) -> None:
    # JAX's permute_dims refused axes counted from the end.
    source = np.arange(24, dtype=np.int64).reshape(2, 3, 4)
    got = pa.permute_dims(pa.asarray(source), axes)
    np.testing.assert_array_equal(pa.to_numpy(got), np.transpose(source, axes))


@pytest.mark.parametrize("axes", [(0, -2, -2), (0, 1, -4), (0, 1)])
def test_permute_dims_negative_axes_still_checked(xp: object, axes: tuple[int, ...]) -> None:
    x = pa.asarray(np.zeros((2, 3, 4)))
    with pytest.raises(pa.errors.AxisError, match="permute_dims"):
        pa.permute_dims(x, axes)
