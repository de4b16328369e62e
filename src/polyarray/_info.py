"""``pa.__array_namespace_info__()``: what the active backend offers, in polyarray's terms."""

from __future__ import annotations

from typing import Any

from polyarray import _config, _selection
from polyarray._dtypes import BY_NAME, DType

__all__ = ["Info", "__array_namespace_info__"]

_KIND_NAMES = {
    "bool": ("bool",),
    "signed integer": ("int8", "int16", "int32", "int64"),
    "unsigned integer": ("uint8", "uint16", "uint32", "uint64"),
    "real floating": ("float32", "float64"),
    "complex floating": ("complex64", "complex128"),
}
_KIND_NAMES["integral"] = _KIND_NAMES["signed integer"] + _KIND_NAMES["unsigned integer"]
_KIND_NAMES["numeric"] = (
    _KIND_NAMES["integral"] + _KIND_NAMES["real floating"] + _KIND_NAMES["complex floating"]
)


class Info:
    """The inspection namespace of the standard, for the active backend.

    Dtypes are returned as :class:`polyarray.DType` (they compare equal to the native
    ones); devices as the backend's native device objects.
    """

    def __init__(self) -> None:
        self._backend = _selection.current()

    def capabilities(self) -> dict[str, Any]:
        return {
            "boolean indexing": True,
            "data-dependent shapes": True,
            "max dimensions": 64,
        }

    def default_device(self) -> Any:
        return self._backend.native_device or self._backend.device_name

    def devices(self) -> tuple[Any, ...]:
        backend = self._backend
        names = ["cpu", *backend.accelerators()]
        return tuple(backend._native_device(name) or name for name in names)

    def default_dtypes(self, *, device: Any = None) -> dict[str, DType]:
        return {
            "real floating": _config.get_default_float(),
            "complex floating": BY_NAME[_config.default_complex()],
            "integral": BY_NAME["int64"],
            "indexing": BY_NAME["int64"],
        }

    def dtypes(
        self, *, device: Any = None, kind: str | tuple[str, ...] | None = None
    ) -> dict[str, DType]:
        if kind is None:
            return dict(BY_NAME)
        kinds = kind if isinstance(kind, tuple) else (kind,)
        names = [name for k in kinds for name in _KIND_NAMES[k]]
        return {name: BY_NAME[name] for name in BY_NAME if name in names}


def __array_namespace_info__() -> Info:  # noqa: N807 - the name the standard gives it
    """The standard's inspection namespace for the active backend."""
    return Info()
