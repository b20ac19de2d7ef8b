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
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

_GUARD = threading.Lock()  # held only to find or drop an entry below, never while computing
# (id(instance), name) -> [lock, threads using it]; the instance lives while it is computed,
# so its id cannot be reused while its entry exists.
_PENDING: dict[tuple[int, str], list[Any]] = {}


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
        key = (id(obj), self.name)
        with _GUARD:
            entry = _PENDING.setdefault(key, [threading.RLock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                if self.name not in values:  # another thread may have computed it meanwhile
                    values[self.name] = self.func(obj)
                return values[self.name]
        finally:
            with _GUARD:
                entry[1] -= 1
                if entry[1] == 0:
                    del _PENDING[key]
