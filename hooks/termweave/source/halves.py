"""One function over many independent items, on two cores: the second half in a forked process.

Why: loading and validating the entries (`entry.load_entry`, one YAML file each) is the largest
part of our work left on the build's path at thousands of terms, and the files do not depend on
each other until the registry checks them together. A process forked for the second half
inherits everything it needs; its results come back pickled, in order. The output is the same
list as `[function(item) for item in items]`, so callers need not care where it ran.

Only worth it for many items (forking takes about 5 ms; sending 2,250 entries back, pickled and
read, about 0.09 s), on Linux with a second core (`planning.background_possible`). Should the
forked process die, its half is done here; an exception raised by `function` is raised here
either way, as if inline.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 400  # below this, one core is done before a second has started
# The forked half is a little smaller: its results must also be pickled there and read here
FORKED_SHARE = 0.45


def map_in_halves(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    *,
    background: bool,
    min_items: int | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, the tail computed in a forked process when
    `background` and there are at least `min_items` (`MIN_ITEMS`). `function` must be picklable
    (a module-level function, or a `functools.partial` of one)."""
    least = MIN_ITEMS if min_items is None else min_items
    if not background or len(items) < max(least, 2):
        return _map(function, items)
    cut = len(items) - max(1, int(len(items) * FORKED_SHARE))
    head, tail = items[:cut], items[cut:]
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_send_map, args=(sender, function, tail), daemon=True)
    process.start()
    sender.close()  # this end is the child's: EOF here when it dies
    try:
        first = _map(function, head)
        # Read on this thread (no executor threads): the results are unpickled where the
        # build's other objects are made, not in a thread's own malloc arena
        try:
            failed, payload = receiver.recv()
        except EOFError:  # the process died (killed, out of memory): do its half here
            failed, payload = False, _map(function, tail)
    finally:
        receiver.close()
        process.join()
    if failed:
        raise payload if isinstance(payload, BaseException) else RuntimeError(str(payload))
    return first + list(payload)


def _send_map(
    sender: Connection, function: Callable[[Item], Result], items: Sequence[Item]
) -> None:
    """In the forked process: the results, or the exception that stopped them."""
    try:
        message: tuple[bool, object] = (False, _map(function, items))
    except Exception as error:  # raised in the caller, as if inline
        message = (True, error)
    try:
        try:
            sender.send(message)
        except OSError:  # the caller stopped listening (its own half failed)
            pass
        except Exception as error:  # what cannot be pickled: its text, at least
            failure = message[1] if message[0] else error
            sender.send((True, RuntimeError(f"{type(failure).__name__}: {failure}")))
    finally:
        sender.close()


def _map(function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
    return [function(item) for item in items]
