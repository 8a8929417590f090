"""``single_threaded``: native thread pools limited inside the block and restored after it."""

import pytest
import sklearn.ensemble  # noqa: F401  (loads scikit-learn's OpenMP runtime)
from threadpoolctl import threadpool_info

from newsml._threads import single_threaded


def _threads(user_api: str) -> dict[str, int]:
    return {info["filepath"]: info["num_threads"] for info in threadpool_info() if info["user_api"] == user_api}


@pytest.mark.parametrize("user_api", ["openmp", "blas"])
def test_limits_inside_and_restores_after(user_api):
    before = _threads(user_api)
    assert before, f"no {user_api} library loaded: nothing to check"
    with single_threaded(user_api):
        assert set(_threads(user_api).values()) == {1}
    assert _threads(user_api) == before


def test_restores_after_an_error():
    before = _threads("openmp")
    with pytest.raises(RuntimeError), single_threaded("openmp"):
        raise RuntimeError("boom")
    assert _threads("openmp") == before


def test_unknown_api_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"\['blas', 'openmp'\]"), single_threaded("cuda"):
        pass
