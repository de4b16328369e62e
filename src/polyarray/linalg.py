"""The ``linalg`` extension of the Array API standard, on every backend: ``pa.linalg``."""

from __future__ import annotations

from polyarray import _dispatch, _names

__all__ = list(_names.LINALG_FUNCTIONS)

globals().update(_dispatch.build(_names.LINALG_FUNCTIONS, prefix="linalg.", module=__name__))
