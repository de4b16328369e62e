"""polyarray: write array code once, run it on NumPy or PyTorch (CPU or CUDA).

>>> import polyarray as pa
>>> x = pa.linspace(0, 5, 4)      # a native array of the active backend
>>> float(pa.mean(x))
2.5

Every name below comes from the one table in :mod:`polyarray._names`. Importing
polyarray imports neither NumPy nor torch: a backend's framework is imported when the
backend is first used.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

from polyarray import _dispatch, _dtypes, _names

__version__ = "0.1.0"
__array_api_version__ = "2024.12"

__all__ = _names.public_names()

globals().update(_dispatch.build(_names.standard_functions(), module=__name__))
globals().update({name: _dtypes.BY_NAME[name] for name in _names.DTYPES})
e, inf, nan, newaxis, pi = math.e, math.inf, math.nan, None, math.pi


def __getattr__(name: str) -> Any:
    # Utilities and submodules load on first access (PEP 562), then stay in globals().
    if name in _names.UTILITIES:
        value = getattr(importlib.import_module(_names.UTILITIES[name]), name)
    elif name in _names.SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module 'polyarray' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*__all__, "__version__", "__array_api_version__"]
