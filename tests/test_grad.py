"""pa.grad, pa.value_and_grad and pa.stop_gradient, on every backend.

Every test runs once per backend through the ``xp``/``backend`` fixtures (numpy, torch,
and torch:cuda where a CUDA device is present). The NumPy backend differentiates through
torch, so these tests are marked ``needs_autodiff`` and skip where torch is missing.
"""

from __future__ import annotations

import collections
from typing import Any

import numpy as np
import pytest

import polyarray as pa
from polyarray.errors import (
    BackendNotInstalledError,
    GradientError,
    MixedBackendsError,
    PolyarrayError,
)

pytestmark = pytest.mark.needs_autodiff

NOTEBOOK_X = [[5.0, 8.0], [4.0, 6.0]]
NOTEBOOK_GRADIENT = [[75.0, 192.0], [48.0, 108.0]]

Pair = collections.namedtuple("Pair", "first second")

numpy_only = pytest.mark.skip_backends(
    "torch", "jax", reason="the NumPy bridge: numpy backend only"
)
torch_only = pytest.mark.skip_backends("numpy", "jax", reason="torch's own autograd: torch only")


def cube_sum(x: Any) -> Any:
    return pa.sum(x**3)


def on_device(x: Any, backend: Any) -> bool:
    """Whether torch tensor ``x`` is on ``backend``'s device ('cuda' means any CUDA device)."""
    import torch

    wanted = torch.device(backend.device_name)
    return bool(x.device.type == wanted.type and wanted.index in (None, x.device.index))


def assert_array(result: Any, expected: Any, backend: Any, dtype: Any = None) -> None:
    """``result`` is a plain native array of ``backend``, on its device, of ``dtype``.

    ``dtype`` defaults to the default float, the dtype of ``xp.asarray([1.0])``.
    """
    dtype = pa.get_default_float() if dtype is None else dtype
    if backend.name == "numpy":
        assert type(result) is np.ndarray  # 0-d arrays, never NumPy scalars
    elif backend.name == "torch":
        assert isinstance(result, backend.array_types())
        assert on_device(result, backend)
        assert not result.requires_grad, "a gradient must be data, not part of a graph"
    else:
        assert isinstance(result, backend.array_types())
        assert backend.device_of(result) == backend.device_name
    assert result.dtype == (getattr(pa, dtype) if isinstance(dtype, str) else dtype)
    np.testing.assert_allclose(pa.to_numpy(result), np.asarray(expected), rtol=1e-6)


# -- what pa.grad computes ----------------------------------------------------------------


def test_notebook_example(xp: Any, backend: Any) -> None:
    x = xp.asarray(NOTEBOOK_X)
    gradient = xp.grad(lambda x: xp.sum(x**3))(x)
    assert_array(gradient, NOTEBOOK_GRADIENT, backend)


def test_value_and_grad(xp: Any, backend: Any) -> None:
    value, gradient = xp.value_and_grad(cube_sum)(xp.asarray(NOTEBOOK_X))
    assert_array(value, 125 + 512 + 64 + 216, backend)
    assert value.shape == ()
    assert_array(gradient, NOTEBOOK_GRADIENT, backend)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dtype_is_preserved(xp: Any, backend: Any, dtype: str) -> None:
    x = xp.asarray([1.5, -2.0], dtype=dtype)
    value, gradient = xp.value_and_grad(lambda x: xp.sum(xp.sin(x)))(x)
    assert_array(gradient, np.cos([1.5, -2.0]), backend, dtype)
    assert_array(value, np.sin(1.5) + np.sin(-2.0), backend, dtype)


def test_argnums_tuple_in_its_order(xp: Any, backend: Any) -> None:
    def f(x: Any, y: Any) -> Any:
        return xp.sum(x * y**2)

    x, y = xp.asarray([1.0, 2.0]), xp.asarray([3.0, 4.0])
    dx, dy = xp.grad(f, argnums=(0, 1))(x, y)
    assert_array(dx, [9.0, 16.0], backend)
    assert_array(dy, [6.0, 16.0], backend)
    dy, dx = xp.grad(f, argnums=(1, 0))(x, y)
    assert_array(dx, [9.0, 16.0], backend)
    assert_array(dy, [6.0, 16.0], backend)
    (only_y,) = xp.grad(f, argnums=(1,))(x, y)  # a tuple of one gradient
    assert_array(only_y, [6.0, 16.0], backend)


def test_argnums_int_and_negative(xp: Any, backend: Any) -> None:
    def f(x: Any, y: Any) -> Any:
        return xp.sum(x * y**2)

    x, y = xp.asarray([1.0, 2.0]), xp.asarray([3.0, 4.0])
    assert_array(xp.grad(f, argnums=1)(x, y), [6.0, 16.0], backend)
    assert_array(xp.grad(f, argnums=-1)(x, y), [6.0, 16.0], backend)
    assert_array(xp.grad(f, argnums=np.int64(0))(x, y), [9.0, 16.0], backend)


def test_same_array_in_two_arguments_gets_partial_derivatives(xp: Any, backend: Any) -> None:
    x = xp.asarray(2.0)
    dx, dy = xp.grad(lambda x, y: x * y**2, argnums=(0, 1))(x, x)
    assert_array(dx, 4.0, backend)  # y², not the total derivative 3x²
    assert_array(dy, 8.0, backend)


def test_keyword_and_other_arguments_are_not_differentiated(xp: Any, backend: Any) -> None:
    def loss(w: Any, data: Any, *, target: Any, scale: float) -> Any:
        return scale * xp.sum((xp.matmul(data, w) - target) ** 2)

    data = xp.asarray([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    target = xp.asarray([1.0, 2.0, 3.0])
    w = xp.asarray([0.5, -1.0])
    gradient = xp.grad(loss)(w, data, target=target, scale=0.5)
    residual = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]) @ [0.5, -1.0] - [1.0, 2.0, 3.0]
    expected = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]).T @ residual
    assert_array(gradient, expected, backend)


def test_nested_arguments_give_gradients_of_the_same_structure(xp: Any, backend: Any) -> None:
    def f(params: Any, extra: Any) -> Any:
        (first,), second = params["layers"]
        return xp.sum(first**2) + xp.sum(second * 3.0) + extra.first * extra.second

    params = {"layers": [(xp.asarray([1.0, 2.0]),), xp.asarray([[1.0]])]}
    extra = Pair(xp.asarray(2.0), xp.asarray(5.0))
    grads, extra_grads = xp.grad(f, argnums=(0, 1))(params, extra)
    assert type(grads) is dict
    assert type(grads["layers"]) is list
    assert type(grads["layers"][0]) is tuple
    assert_array(grads["layers"][0][0], [2.0, 4.0], backend)
    assert_array(grads["layers"][1], [[3.0]], backend)
    assert type(extra_grads) is Pair
    assert_array(extra_grads.first, 5.0, backend)
    assert_array(extra_grads.second, 2.0, backend)


def test_empty_structure_has_an_empty_gradient(xp: Any, backend: Any) -> None:
    gradient = xp.grad(lambda x, nothing: xp.sum(x), argnums=1)(xp.asarray([1.0]), ())
    assert gradient == ()


def test_python_floats_become_arrays_of_the_backend(xp: Any, backend: Any) -> None:
    assert_array(xp.grad(lambda x: x**2)(3.0), 6.0, backend, pa.get_default_float())
    # Next to arrays, floats follow the arrays' backend and device.
    dx, dy = xp.grad(lambda x, y: xp.sum(x) * y, argnums=(0, 1))(xp.asarray([1.0, 2.0]), 4.0)
    assert_array(dx, [4.0, 4.0], backend)
    assert_array(dy, 3.0, backend, pa.get_default_float())


def test_has_aux(xp: Any, backend: Any) -> None:
    def f(x: Any) -> Any:
        squares = x**2
        return xp.sum(squares), {"squares": squares, "note": "kept as is"}

    x = xp.asarray([1.0, 3.0])
    gradient, aux = xp.grad(f, has_aux=True)(x)
    assert_array(gradient, [2.0, 6.0], backend)
    assert_array(aux["squares"], [1.0, 9.0], backend)
    assert aux["note"] == "kept as is"
    (value, aux), gradient = xp.value_and_grad(f, has_aux=True)(x)
    assert_array(value, 10.0, backend)
    assert_array(aux["squares"], [1.0, 9.0], backend)
    assert_array(gradient, [2.0, 6.0], backend)


def test_constant_function_has_zero_gradient(xp: Any, backend: Any) -> None:
    x = xp.asarray([1.0, 2.0], dtype=xp.float64)
    assert_array(xp.grad(lambda x: pa.sum(pa.ones(3)))(x), [0.0, 0.0], backend, pa.float64)
    unused = xp.grad(lambda x, y: xp.sum(x), argnums=(0, 1))(x, xp.asarray([5.0]))
    assert_array(unused[1], [0.0], backend)


def test_creation_inside_f_follows_the_differentiated_arrays(xp: Any, backend: Any) -> None:
    seen = []

    def f(x: Any) -> Any:
        ones = pa.ones(2)  # the module function: it follows the active backend
        seen.append((x, ones))
        return pa.sum(x * ones)

    assert_array(xp.grad(f)(xp.asarray([1.0, 2.0])), [1.0, 1.0], backend)
    traced, created = seen[0]
    if backend.name == "jax":  # a constant of JAX's tracing: a JAX array, not a tracer
        assert isinstance(created, backend.array_types())
        return
    assert type(created) is type(traced)  # torch tensors on the numpy backend too
    assert created.device == traced.device
    if backend.name != "numpy":
        assert on_device(created, backend)


def test_returned_function_stands_in_for_f(xp: Any, backend: Any) -> None:
    assert xp.grad(cube_sum).__name__ == "cube_sum"
    assert xp.value_and_grad(cube_sum).__wrapped__ is cube_sum


# -- higher order ---------------------------------------------------------------------------


def test_grad_of_grad(xp: Any, backend: Any) -> None:
    x = xp.asarray(2.0)
    second = xp.grad(xp.grad(lambda x: x**3))(x)
    assert_array(second, 12.0, backend)
    third = xp.grad(xp.grad(xp.grad(lambda x: x**3)))(x)
    assert_array(third, 6.0, backend)


def test_grad_of_grad_of_a_vector_function(xp: Any, backend: Any) -> None:
    # d/dx sum(d/dx sum(x**3)) = d/dx sum(3x²) = 6x
    x = xp.asarray([1.0, -2.0])
    result = xp.grad(lambda x: xp.sum(xp.grad(cube_sum)(x)))(x)
    assert_array(result, [6.0, -12.0], backend)


def test_inner_grad_closing_over_the_outer_variable(xp: Any, backend: Any) -> None:
    # The inner gradient (with respect to x) is y, so the outer function is sum(y) and
    # its gradient is one; the inner call must keep its graph even though x is constant.
    x0 = xp.asarray([1.0, 2.0])

    def outer(y: Any) -> Any:
        return xp.sum(xp.grad(lambda x: xp.sum(x * y))(x0) ** 2)

    assert_array(xp.grad(outer)(xp.asarray([3.0, -1.0])), [6.0, -2.0], backend)


def test_partial_derivatives_inside_an_outer_grad(xp: Any, backend: Any) -> None:
    def inner(x: Any, y: Any) -> Any:
        return x * y**2

    # At x = y = a the partial derivative in x is y² = a², whose derivative is 2a.
    outer = xp.grad(lambda a: xp.grad(inner, argnums=(0, 1))(a, a)[0])
    assert_array(outer(xp.asarray(3.0)), 6.0, backend)


def test_value_and_grad_inside_grad(xp: Any, backend: Any) -> None:
    def f(x: Any) -> Any:
        value, gradient = xp.value_and_grad(lambda x: x**3)(x)
        return value + gradient  # x³ + 3x², derivative 3x² + 6x

    assert_array(xp.grad(f)(xp.asarray(2.0)), 24.0, backend)


# -- stop_gradient ------------------------------------------------------------------------


def test_stop_gradient(xp: Any, backend: Any) -> None:
    x = xp.asarray([3.0, -1.0])
    gradient = xp.grad(lambda x: xp.sum(x * xp.stop_gradient(x)))(x)
    assert_array(gradient, [3.0, -1.0], backend)  # x², one factor held constant: x


def test_stop_gradient_outside_grad_keeps_the_value(xp: Any, backend: Any) -> None:
    x = xp.asarray([1.0, 2.0])
    assert_array(xp.stop_gradient(x), [1.0, 2.0], backend)
    tree = xp.stop_gradient({"a": [x], "b": 2.5})
    assert_array(tree["a"][0], [1.0, 2.0], backend)
    assert tree["b"] == 2.5


def test_stop_gradient_rejects_non_arrays(xp: Any, backend: Any) -> None:
    with pytest.raises(GradientError, match=r"stop_gradient takes arrays.*str"):
        xp.stop_gradient("not an array")


# -- the caller's arrays ------------------------------------------------------------------


def test_inputs_are_untouched(xp: Any, backend: Any) -> None:
    x = xp.asarray(NOTEBOOK_X)
    kept = pa.to_numpy(x).copy()
    gradient, aux = xp.grad(lambda x: (cube_sum(x), x), has_aux=True)(x)
    np.testing.assert_array_equal(pa.to_numpy(x), kept)
    if backend.name == "numpy":
        assert x.flags.writeable
        assert not np.shares_memory(gradient, x)
    elif backend.name == "torch":
        assert not x.requires_grad
        assert x.grad is None
        assert x.grad_fn is None
        assert not aux.requires_grad


def test_in_place_change_of_an_input_is_refused(xp: Any, backend: Any) -> None:
    x = xp.asarray([1.0, 2.0])

    def f(x: Any) -> Any:
        x += 1.0
        return xp.sum(x)

    if not backend.capabilities.writable:
        # JAX's += makes a new array: nothing is changed in place, the gradient is right.
        assert_array(xp.grad(f)(x), [1.0, 1.0], backend)
        np.testing.assert_array_equal(pa.to_numpy(x), [1.0, 2.0])
        return
    with pytest.raises(GradientError, match="in place"):
        xp.grad(f)(x)
    # Inside an outer grad too (the input then already requires grad).
    with pytest.raises(GradientError, match="in place"):
        xp.grad(lambda y: xp.grad(f)(y * 2.0)[0])(x)
    np.testing.assert_array_equal(pa.to_numpy(x), [1.0, 2.0])


# -- errors, the same on every backend ------------------------------------------------------


def test_non_scalar_output(xp: Any, backend: Any) -> None:
    with pytest.raises(GradientError, match=r"scalar.*shape \(2, 2\).*pa\.sum") as info:
        xp.grad(lambda x: x**3)(xp.asarray(NOTEBOOK_X))
    assert isinstance(info.value, PolyarrayError)
    assert isinstance(info.value, TypeError)
    with pytest.raises(GradientError, match=r"shape \(1,\)"):
        xp.value_and_grad(lambda x: x)(xp.asarray([1.0]))


@pytest.mark.parametrize(
    ("values", "dtype"), [([1, 2], "int64"), ([1, 2], "int32"), ([True, False], "bool")]
)
def test_integer_and_boolean_inputs(xp: Any, backend: Any, values: list[Any], dtype: str) -> None:
    x = xp.asarray(values, dtype=dtype)
    with pytest.raises(GradientError, match=rf"argument 0 is a {dtype} array.*astype"):
        xp.grad(lambda x: xp.sum(x))(x)


def test_complex_inputs(xp: Any, backend: Any) -> None:
    x = xp.asarray([1.0 + 2.0j], dtype=xp.complex64)
    with pytest.raises(GradientError, match=r"complex.*argument 0 is a complex64 array"):
        xp.grad(lambda x: xp.sum(xp.real(x)))(x)


def test_python_int_and_bool_arguments(xp: Any, backend: Any) -> None:
    with pytest.raises(GradientError, match=r"Python int 3.*3\.0"):
        xp.grad(lambda x: x**2)(3)
    with pytest.raises(GradientError, match="Python bool True"):
        xp.grad(lambda x: x**2)(True)
    with pytest.raises(GradientError, match="argument 0 is a complex"):
        xp.grad(lambda x: x**2)(1j)


def test_non_array_in_a_nested_argument(xp: Any, backend: Any) -> None:
    params = {"w": xp.asarray([1.0]), "name": "layer"}
    with pytest.raises(GradientError, match=r"argument 0\['name'\] is a str"):
        xp.grad(lambda p: xp.sum(p["w"]))(params)
    with pytest.raises(GradientError, match=r"argument 1\[0\] is None"):
        xp.grad(lambda x, y: xp.sum(x), argnums=(0, 1))(xp.asarray([1.0]), [None])


def test_integer_output(xp: Any, backend: Any) -> None:
    with pytest.raises(GradientError, match=r"real floating-point scalar.*int64"):
        xp.grad(lambda x: xp.sum(xp.astype(x, xp.int64)))(xp.asarray([1.0, 2.0]))


#: On JAX, pa.to_numpy of a traced array is where f leaves polyarray (a tracer has no
#: values to copy): the error says so, before f can return.
LEFT_ON_JAX = "differentiating to NumPy"


def test_python_float_output(xp: Any, backend: Any) -> None:
    expected = LEFT_ON_JAX if backend.name == "jax" else r"Python float.*\.item\(\)"
    with pytest.raises(GradientError, match=expected):
        # (float() of the traced array itself would do the same, with a torch warning.)
        xp.grad(lambda x: float(pa.to_numpy(xp.sum(x))))(xp.asarray([1.0, 2.0]))


def test_f_returning_numpy_left_polyarray(xp: Any, backend: Any) -> None:
    expected = LEFT_ON_JAX if backend.name == "jax" else r"returned a NumPy float32.*left polyarray"
    with pytest.raises(GradientError, match=expected):
        xp.grad(lambda x: np.sum(pa.to_numpy(x) ** 3))(xp.asarray([1.0, 2.0], dtype=xp.float32))


@pytest.mark.parametrize(
    "f",
    [
        lambda x: pa.sum(np.exp(x)),
        lambda x: pa.sum(np.asarray(x)),
        lambda x: pa.sum(x * np.ones(2)),
        lambda x: pa.sum(np.ones(2) * x),
        lambda x: pa.sum(np.array(2.0) + x),
        lambda x: pa.asarray(np.sum(x**3)),
        lambda x: pa.asarray(np.dot(x, x)),
    ],
    ids=[
        "np.exp",
        "np.asarray",
        "array * ndarray",
        "ndarray * array",
        "0-d + array",
        "np.sum",
        "np.dot",
    ],
)
def test_numpy_call_inside_f(xp: Any, backend: Any, f: Any, request: pytest.FixtureRequest) -> None:
    case = request.node.callspec.id.partition("-")[2]
    if backend.name == "jax" and case in JAX_TAKES:
        # JAX's operators take NumPy arrays, and np.sum calls the tracer's own sum: the
        # computation stays JAX's and its gradient is right (nothing to refuse).
        assert_array(xp.grad(f)(xp.asarray([1.0, 2.0])), JAX_TAKES[case], backend)
        return
    with pytest.raises(GradientError, match="passed an array it is differentiating to NumPy"):
        xp.grad(f)(xp.asarray([1.0, 2.0]))


#: The NumPy calls JAX itself follows, with the gradient at [1, 2].
JAX_TAKES = {
    "array * ndarray": [1.0, 1.0],
    "ndarray * array": [1.0, 1.0],
    "0-d + array": [1.0, 1.0],
    "np.sum": [3.0, 12.0],
}


def test_numpy_array_from_a_closure(xp: Any, backend: Any) -> None:
    weights = np.array([1.0, 2.0], dtype=np.float32)  # not an argument: stays NumPy
    with pytest.raises(TypeError) as info:
        xp.grad(lambda x: xp.sum(xp.multiply(x, weights)))(xp.asarray([1.0, 2.0]))
    if backend.name == "numpy":  # only pa.grad made x a tensor: it explains
        assert isinstance(info.value, GradientError)
        assert "did not receive as an argument" in str(info.value)
        assert isinstance(info.value.__cause__, MixedBackendsError)
    else:  # the caller mixed backends, with or without pa.grad: the usual error
        assert isinstance(info.value, MixedBackendsError)


@numpy_only
def test_namespace_bound_to_numpy_inside_f(xp: Any, backend: Any) -> None:
    x = xp.asarray([1.0, 2.0])
    # Inside f, torch CPU stands in for NumPy, also for a namespace bound to NumPy.
    assert_array(xp.grad(lambda x: xp.sum(x * xp.ones(2)))(x), [1.0, 1.0], backend)
    assert_array(xp.grad(lambda x: xp.sum(xp.multiply(x, xp.ones(2))))(x), [1.0, 1.0], backend)

    def explicit(x: Any) -> Any:
        with pa.use_backend("numpy"):
            return pa.sum(x * pa.full(2, 3.0))

    assert_array(xp.grad(explicit)(x), [3.0, 3.0], backend)
    # The module functions follow the differentiating backend.
    assert_array(xp.grad(lambda x: pa.sum(x * pa.ones(2)))(x), [1.0, 1.0], backend)
    # Outside f, NumPy is NumPy again.
    assert type(xp.ones(1)).__module__ == "numpy"


def test_has_aux_needs_a_pair(xp: Any, backend: Any) -> None:
    with pytest.raises(GradientError, match=r"has_aux=True, so f must return a pair"):
        xp.grad(cube_sum, has_aux=True)(xp.asarray([1.0]))
    with pytest.raises(GradientError, match=r"a tuple of 3 item\(s\)"):
        xp.grad(lambda x: (cube_sum(x), 1, 2), has_aux=True)(xp.asarray([1.0]))


def test_tuple_output_without_has_aux(xp: Any, backend: Any) -> None:
    with pytest.raises(GradientError, match=r"a tuple of 2 item\(s\).*pass has_aux=True"):
        xp.grad(lambda x: (cube_sum(x), x))(xp.asarray([1.0]))


@pytest.mark.parametrize("argnums", ["0", 1.5, (), (0, 0), [0], True, (0, None)])
def test_bad_argnums(xp: Any, backend: Any, argnums: Any) -> None:
    with pytest.raises(GradientError, match="argnums"):
        xp.grad(cube_sum, argnums=argnums)


def test_argnums_out_of_range(xp: Any, backend: Any) -> None:
    x = xp.asarray([1.0])
    with pytest.raises(GradientError, match=r"positional argument 1.*1 positional argument"):
        xp.grad(cube_sum, argnums=1)(x)
    with pytest.raises(GradientError, match=r"keyword arguments are never differentiated"):
        xp.grad(cube_sum)(x=x)
    with pytest.raises(GradientError, match=r"positional argument -2"):
        xp.grad(cube_sum, argnums=-2)(x)
    with pytest.raises(GradientError, match="more than once"):
        xp.grad(lambda x, y: xp.sum(x * y), argnums=(1, -1))(x, x)


def test_bad_function_and_has_aux(xp: Any, backend: Any) -> None:
    with pytest.raises(GradientError, match=r"function to differentiate.*numpy\.ndarray"):
        xp.value_and_grad(np.zeros(2))
    with pytest.raises(GradientError, match="has_aux must be True or False"):
        xp.grad(cube_sum, has_aux="yes")


def test_arrays_of_two_backends(xp: Any, backend: Any) -> None:
    other = "torch" if backend.name == "numpy" else "numpy"
    x = xp.asarray([1.0])
    y = pa.to_backend(x, other)
    with pytest.raises(MixedBackendsError, match="two backends"):
        xp.grad(lambda x, y: xp.sum(x), argnums=(0, 1))(x, y)


# -- the NumPy bridge -----------------------------------------------------------------------


@numpy_only
def test_numpy_without_torch_names_the_extra(
    xp: Any, backend: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import polyarray.backends

    real = polyarray.backends.installed
    monkeypatch.setattr(
        polyarray.backends, "installed", lambda name: name != "torch" and real(name)
    )
    with pytest.raises(
        BackendNotInstalledError, match=r"pip install torch .*pip install -e '\.\[torch\]'"
    ):
        xp.grad(cube_sum)(np.ones(2))
    monkeypatch.undo()
    assert_array(xp.grad(cube_sum)(np.ones(2, dtype=np.float32)), [3.0, 3.0], backend, pa.float32)


@numpy_only
def test_numpy_inputs_are_shared_not_copied(xp: Any, backend: Any) -> None:
    x = np.array([1.0, 2.0], dtype=np.float32)
    seen = []

    def f(x: Any) -> Any:
        seen.append(x)
        return pa.sum(x**2)

    xp.grad(f)(x)
    assert seen[0].data_ptr() == x.ctypes.data


@numpy_only
@pytest.mark.parametrize(
    "make",
    [
        lambda: np.arange(4.0)[::-1],
        lambda: np.arange(8.0)[::2],
        lambda: np.arange(4.0).astype(">f8"),
        lambda: np.broadcast_to(np.arange(2.0), (2, 2)),  # read-only
        lambda: np.float64(3.0),
    ],
    ids=["negative strides", "strided", "big-endian", "read-only", "numpy scalar"],
)
def test_numpy_layouts(xp: Any, backend: Any, make: Any) -> None:
    x = make()
    gradient = xp.grad(cube_sum)(x)
    assert_array(gradient, 3 * np.asarray(x, dtype=np.float64) ** 2, backend, pa.float64)
    assert gradient.shape == np.shape(x)


@numpy_only
def test_numpy_aux_and_data_arguments(xp: Any, backend: Any) -> None:
    labels = np.array(["a", "b"])  # a dtype torch lacks: passed through as it is

    def f(w: Any, data: Any, labels: Any, *, offset: Any) -> Any:
        assert labels.dtype.kind == "U"
        prediction = pa.matmul(data, w) + offset
        return pa.sum(prediction**2), prediction

    data = np.array([[1.0, 2.0]], dtype=np.float32)
    gradient, prediction = xp.grad(f, has_aux=True)(
        np.array([1.0, 1.0], dtype=np.float32), data, labels, offset=np.float32(1.0)
    )
    assert_array(gradient, [8.0, 16.0], backend, pa.float32)
    assert_array(prediction, [4.0], backend, pa.float32)


@numpy_only
def test_numpy_longdouble_input(xp: Any, backend: Any) -> None:
    name = np.dtype(np.longdouble).name
    with pytest.raises(GradientError, match=rf"torch, which has no {name} dtype.*astype"):
        xp.grad(cube_sum)(np.ones(2, dtype=np.longdouble))


# -- torch's own autograd around pa.grad ----------------------------------------------------


@torch_only
def test_gradient_stays_in_the_callers_graph(xp: Any, backend: Any) -> None:
    x = xp.asarray(2.0)
    x.requires_grad_()
    first = xp.grad(lambda x: x**3)(x)
    assert x.grad is None  # pa.grad accumulates nothing
    assert first.requires_grad  # x requires grad: the gradient is part of its graph
    first.backward()
    np.testing.assert_allclose(pa.to_numpy(x.grad), 12.0)


@torch_only
def test_outer_no_grad_does_not_stop_pa_grad(xp: Any, backend: Any) -> None:
    import torch

    x = xp.asarray([1.0, 2.0])
    with torch.no_grad():
        gradient = xp.grad(cube_sum)(x)
        assert not torch.is_grad_enabled()
    assert_array(gradient, [3.0, 12.0], backend)
    # The way to plain gradients of tensors that require grad (parameters, say).
    parameter = torch.nn.Parameter(x.clone())
    with torch.no_grad():
        assert_array(xp.grad(cube_sum)(parameter), [3.0, 12.0], backend)
    assert parameter.grad is None
    assert xp.grad(cube_sum)(parameter).requires_grad  # outside no_grad: part of its graph


@torch_only
def test_inference_mode_tensors(xp: Any, backend: Any) -> None:
    import torch

    with torch.inference_mode():
        x = xp.asarray([1.0, 2.0])
    assert_array(xp.grad(cube_sum)(x), [3.0, 12.0], backend)


def _other_backend(autodiff: bool) -> Any:
    """A backend that polyarray knows nothing about, without a function table."""
    from polyarray.backends import Backend, Capabilities

    class OtherBackend(Backend):
        name = "other"
        module = "polyarray_test_other"
        capabilities = Capabilities(autodiff=autodiff, asynchronous=False, device_kinds=("cpu",))

    return object.__new__(OtherBackend)  # the methods below need no table


def test_unsupported_backend_is_named() -> None:
    from polyarray._grad_job import Job

    job = Job(cube_sum, "pa.grad", False, (object(),), {}, (0,))
    with pytest.raises(NotImplementedError, match=r"pa\.grad does not support the 'other' backend"):
        _other_backend(autodiff=False).differentiate(job, [])


def test_stop_gradient_on_an_unknown_autodiff_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    from polyarray import _grad

    monkeypatch.setattr(_grad, "backend_of", lambda x: _other_backend(autodiff=True))
    with pytest.raises(NotImplementedError, match="does not support the other backend"):
        pa.stop_gradient(object())
    monkeypatch.setattr(_grad, "backend_of", lambda x: _other_backend(autodiff=False))
    constant = object()
    assert pa.stop_gradient(constant) is constant  # no autodiff: a constant already
