"""A context variable set for every run of a function's body, whatever kind of function.

``@pa.use_backend("torch")`` must hold while the decorated body runs, and only then. For
a plain function that is one ``set``/``reset`` around the call. A generator's or a
coroutine's body runs in steps, between which the caller runs: the variable is set for
each step and reset before control goes back, so the caller never sees it, and the body
always does (a wrapper that set it around the *call* alone would set it while nothing of
the body runs).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncGenerator, Callable, Generator
from contextvars import ContextVar
from typing import Any

__all__ = ["scoped"]


def scoped(
    function: Callable[..., Any], variable: ContextVar[Any], value: Callable[[], Any]
) -> Any:
    """``function`` with ``variable`` set to ``value()`` while its body runs."""
    if inspect.isasyncgenfunction(function):

        @functools.wraps(function)
        def async_generator(*args: Any, **kwargs: Any) -> Any:
            return _async_steps(function(*args, **kwargs), variable, value)

        return async_generator
    if inspect.isgeneratorfunction(function):

        @functools.wraps(function)
        def generator(*args: Any, **kwargs: Any) -> Any:
            return _steps(function(*args, **kwargs), variable, value)

        return generator
    if inspect.iscoroutinefunction(function):

        @functools.wraps(function)
        async def coroutine(*args: Any, **kwargs: Any) -> Any:
            # A coroutine runs in its task's context from start to end: one set suffices.
            token = variable.set(value())
            try:
                return await function(*args, **kwargs)
            finally:
                variable.reset(token)

        return coroutine

    @functools.wraps(function)
    def plain(*args: Any, **kwargs: Any) -> Any:
        token = variable.set(value())
        try:
            return function(*args, **kwargs)
        finally:
            variable.reset(token)

    return plain


def _steps(
    inner: Generator[Any, Any, Any], variable: ContextVar[Any], value: Callable[[], Any]
) -> Generator[Any, Any, Any]:
    """Run ``inner`` one step at a time, each with ``variable`` set; pass values through."""
    method: Callable[[Any], Any] = inner.send
    argument: Any = None
    while True:
        token = variable.set(value())
        try:
            item = method(argument)
        except StopIteration as stop:
            return stop.value
        finally:
            variable.reset(token)
        try:
            argument = yield item
            method = inner.send
        except GeneratorExit:
            token = variable.set(value())
            try:
                inner.close()
            finally:
                variable.reset(token)
            raise
        except BaseException as exc:  # thrown in by the caller: into the body
            method, argument = inner.throw, exc


async def _async_steps(
    inner: AsyncGenerator[Any, Any], variable: ContextVar[Any], value: Callable[[], Any]
) -> AsyncGenerator[Any, Any]:
    """As :func:`_steps`, for an asynchronous generator."""
    method: Callable[[Any], Any] = inner.asend
    argument: Any = None
    while True:
        token = variable.set(value())
        try:
            item = await method(argument)
        except StopAsyncIteration:
            return
        finally:
            variable.reset(token)
        try:
            argument = yield item
            method = inner.asend
        except GeneratorExit:
            token = variable.set(value())
            try:
                await inner.aclose()
            finally:
                variable.reset(token)
            raise
        except BaseException as exc:
            method, argument = inner.athrow, exc
