"""How much work a call does, counted rather than timed.

A linearity test that times two calls fails whenever the machine is busy. The number of Python
and C function calls a call makes does not depend on the load, so the tests compare those.
Regular-expression backtracking happens inside one C call and is not seen here; the patterns that
could backtrack are tested on hostile input elsewhere.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


def calls_made(run: Callable[[], Any]) -> int:
    """The number of function calls, Python and C, that run() makes."""
    count = 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count
