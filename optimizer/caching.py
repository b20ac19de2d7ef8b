"""`cached`: a property computed once per instance, with no lock shared between instances.

`functools.cached_property` on Python 3.11 holds one lock per class while it computes: one
session's long solve (`Study._optimum`) held up every other session's study. Here each
(instance, attribute) being computed gets a lock of its own, made on demand and dropped
when no thread waits on it: two threads asking one instance wait for one computation
(a shared study is solved once, not once per session); threads asking different instances
never wait for each other. Nothing is stored on the instance but the value (in its
`__dict__`, which a frozen dataclass allows and pickling copies), so instances still pickle
for worker processes. As with `cached_property`, an exception is not cached and a value
set in the instance's `__dict__` wins.

`memo(obj, key, compute)` is the same for a computation with arguments: one answer per
(instance, key), kept in the instance's `__dict__` under MEMO (a budget change asks the same
optimum, tie and rule check of one instance from several places).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

_GUARD = threading.Lock()  # held only to find or drop an entry below, never while computing
# (id(instance), name) -> [lock, threads using it]; the instance lives while it is computed,
# so its id cannot be reused while its entry exists.
_PENDING: dict[tuple[int, Any], list[Any]] = {}
MEMO = "_memo"  # the instance's `__dict__` entry that holds memo's answers by key


class cached(Generic[T]):
    """Decorate a method of no arguments: computed on first access, then read from the
    instance's `__dict__`."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> cached[T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> T | cached[T]:
        if obj is None:
            return self
        values = obj.__dict__
        if self.name in values:
            return values[self.name]
        return _once(obj, values, self.name, lambda: self.func(obj))


def memo(obj: object, key: Any, compute: Callable[[], T]) -> T:
    """`compute()` once per (obj, hashable `key`): later calls answer the value it returned
    (an exception is not kept). `obj` must not change in any way `compute` reads."""
    values = obj.__dict__.get(MEMO)
    if values is None:
        values = obj.__dict__.setdefault(MEMO, {})  # setdefault: one dict if two threads race
    if key in values:
        return values[key]
    return _once(obj, values, (MEMO, key), compute, key)


def _once(obj: object, values: dict[Any, Any], name: Any, compute: Callable[[], T],
          slot: Any = None) -> T:
    """values[slot] (slot: `name` by default) computed once, under a lock of its own."""
    slot = name if slot is None else slot
    key = (id(obj), name)
    with _GUARD:
        entry = _PENDING.setdefault(key, [threading.RLock(), 0])
        entry[1] += 1
    try:
        with entry[0]:
            if slot not in values:  # another thread may have computed it meanwhile
                values[slot] = compute()
            return values[slot]
    finally:
        with _GUARD:
            entry[1] -= 1
            if entry[1] == 0:
                del _PENDING[key]
