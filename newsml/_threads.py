"""Run a block with a native thread pool (BLAS or OpenMP) limited to one thread, cheaply.

newsml's numeric work comes in small pieces (one article's matrices, one batch of lines): a multi-threaded
library spends longer synchronising its threads than computing, and far longer on a busy machine
(30 ms instead of 40 us for a 40 x 360 product, and a 100x slow-down of tree prediction, were measured on
2 loaded cores). threadpoolctl's ``threadpool_limits`` scans the process's loaded libraries on every call
(about 5 ms); here they are found once per API, on first use, and only the ones not already at one thread
are changed, then restored on exit (microseconds). A library of that API loaded later in the process (say,
torch's own OpenMP runtime) is not limited: newsml's callers use numpy's BLAS and scikit-learn's OpenMP,
which are loaded before the first call.

>>> with single_threaded("openmp"):
...     pass
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Iterator

USER_APIS = ("blas", "openmp")


@lru_cache(maxsize=len(USER_APIS))
def _libraries(user_api: str) -> tuple[Any, ...]:
    """threadpoolctl's controllers of the ``user_api`` libraries loaded in this process (found once)."""
    from threadpoolctl import ThreadpoolController

    return tuple(ThreadpoolController().select(user_api=user_api).lib_controllers)


@contextmanager
def single_threaded(user_api: str) -> Iterator[None]:
    """Limit the ``user_api`` libraries (``"blas"`` or ``"openmp"``) to one thread inside the block."""
    if user_api not in USER_APIS:
        raise ValueError(f"user_api must be one of {list(USER_APIS)}, not {user_api!r}")
    libraries = _libraries(user_api)
    previous = [library.num_threads for library in libraries]
    for library, threads in zip(libraries, previous):
        if threads != 1:
            library.set_num_threads(1)
    try:
        yield
    finally:
        for library, threads in zip(libraries, previous):
            if threads != 1:
                library.set_num_threads(threads)
