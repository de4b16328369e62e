"""``pa.linalg`` on Dask.

Products and reductions along axes are the NumPy backend's functions of Dask arrays
(Dask's own, lazy and chunked: ``matmul``, ``tensordot``, ``vecdot``, ``outer``,
``diagonal``, ``trace``; ``matrix_transpose`` swaps the last two axes). Decompositions,
solvers, the functions built on them and ``vector_norm`` are gathered (:mod:`._gathered`):
Dask has no chunked form of most of them, and NumPy's checks and results hold there.
"""

from __future__ import annotations

from polyarray.backends.dask._gathered import gathered
from polyarray.backends.dask.linear_algebra import matrix_transpose
from polyarray.backends.numpy import linalg as numpy_linalg

__all__ = [
    "cholesky",
    "cross",
    "det",
    "eig",
    "eigh",
    "eigvals",
    "eigvalsh",
    "inv",
    "lstsq",
    "matrix_norm",
    "matrix_power",
    "matrix_rank",
    "matrix_transpose",
    "pinv",
    "qr",
    "slogdet",
    "solve",
    "svd",
    "svdvals",
    "vector_norm",
]

cholesky = gathered(numpy_linalg.cholesky)
cross = gathered(numpy_linalg.cross)
det = gathered(numpy_linalg.det)
eig = gathered(numpy_linalg.eig)
eigh = gathered(numpy_linalg.eigh)
eigvals = gathered(numpy_linalg.eigvals)
eigvalsh = gathered(numpy_linalg.eigvalsh)
inv = gathered(numpy_linalg.inv)
lstsq = gathered(numpy_linalg.lstsq)
matrix_norm = gathered(numpy_linalg.matrix_norm)
matrix_power = gathered(numpy_linalg.matrix_power)
matrix_rank = gathered(numpy_linalg.matrix_rank)
pinv = gathered(numpy_linalg.pinv)
qr = gathered(numpy_linalg.qr)
slogdet = gathered(numpy_linalg.slogdet)
solve = gathered(numpy_linalg.solve)
svd = gathered(numpy_linalg.svd)
svdvals = gathered(numpy_linalg.svdvals)
vector_norm = gathered(numpy_linalg.vector_norm)
