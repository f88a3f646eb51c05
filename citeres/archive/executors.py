"""Where the per-document stages run: in this process (`--jobs 1`), on a pool of worker
processes (the standard library's), or on a Dask cluster (`--dask`). Each maps a function
over items and gives the results in the items' order, with a bounded number in flight, so
that memory does not grow with the number of items.

A function a worker runs must be a module's top-level function (or a functools.partial
of one), so that it can be sent by pickle.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, Protocol, TypeVar

from citeres.errors import InputError

T = TypeVar("T")
R = TypeVar("R")
AHEAD = 4  # items in flight per worker: enough to keep each busy, few enough to stay small
LOST = "the worker process analysing it stopped (killed, or out of memory)"


class Executor(Protocol):
    jobs: int

    def imap(
        self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T], R] | None = None
    ) -> Iterator[R]:
        """fn of each item, in order. `lost` gives the result of an item whose worker
        died on it (a crash, the kernel's out-of-memory killer); without it, that stops
        the run."""
        ...

    def close(self) -> None: ...

    def stop(self) -> None:
        """Interrupted: stop now, abandoning the items in flight."""
        ...


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def open_executor(jobs: int, dask: str | None = None) -> Executor:
    if dask is not None:
        return Dask(dask, jobs)
    return Here() if jobs <= 1 else Pool(jobs)


class Here:
    """Everything in this process, one item after another."""

    jobs = 1

    def imap(
        self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T], R] | None = None
    ) -> Iterator[R]:
        return map(fn, items)

    def close(self) -> None:
        pass

    def stop(self) -> None:
        pass


def start_worker() -> None:
    """In a worker: Ctrl-C is the parent's to handle (it stops the pool), not each
    worker's to print a traceback for; and the cyclic collector is on, whatever the
    parent had when it forked (a worker keeps nothing from one item to the next)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()


class Pool:
    """Worker processes of concurrent.futures. On Linux they are forked, so they start
    at once with everything this process has imported."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool = self.start()

    def start(self) -> ProcessPoolExecutor:
        method = "fork" if sys.platform == "linux" else None
        return ProcessPoolExecutor(
            self.jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=start_worker,
        )

    def restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self.start()

    def imap(
        self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T], R] | None = None
    ) -> Iterator[R]:
        pending = iter(items)
        window: deque[tuple[T, Future[R]]] = deque()
        while fill(window, pending, partial(self.submit, fn), AHEAD * self.jobs):
            item, future = window.popleft()
            try:
                yield future.result()
            except BrokenProcessPool:
                # A worker died, and every item in flight with it: the first is tried
                # again alone, so that the one that kills a worker is found and skipped.
                self.restart()
                yield self.alone(fn, item, lost)
                window = deque((i, f if ok(f) else self.submit(fn, i)) for i, f in window)

    def submit(self, fn: Callable[[T], R], item: T) -> Future[R]:
        """The pool's future, or one that holds the pool's breaking (a worker died
        since the last result was read)."""
        try:
            return self.pool.submit(fn, item)
        except BrokenProcessPool as error:
            broken: Future[R] = Future()
            broken.set_exception(error)
            return broken

    def alone(self, fn: Callable[[T], R], item: T, lost: Callable[[T], R] | None) -> R:
        try:
            return self.submit(fn, item).result()
        except BrokenProcessPool:
            if lost is None:
                raise
            self.restart()
            return lost(item)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def stop(self) -> None:
        """Interrupted: the workers go at once, whatever they are doing."""
        processes = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()


def fill(
    window: deque[tuple[T, Any]], pending: Iterator[T], submit: Callable[[T], Any], size: int
) -> bool:
    """Items submitted until `size` are in flight; whether any is."""
    for item in pending:
        window.append((item, submit(item)))
        if len(window) >= size:
            break
    return bool(window)


def ok(future: Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


class Dask:
    """A Dask cluster: the scheduler at `address`, or `local` for a LocalCluster of `jobs`
    processes here. Workers read the inputs and the catalogue by their paths, so they must
    see the same files (one machine, or a shared file system)."""

    def __init__(self, address: str, jobs: int) -> None:
        try:
            import distributed
        except ImportError:
            raise InputError("--dask needs Dask: pip install 'citeres[dask]'") from None
        self.distributed = distributed
        self.cluster: Any = None
        logging.getLogger("distributed").setLevel(logging.ERROR)
        try:
            if address == "local":
                self.cluster = distributed.LocalCluster(
                    n_workers=jobs, threads_per_worker=1, dashboard_address=None
                )
                self.client = distributed.Client(self.cluster)
            else:
                # How long to try: Dask's own setting, distributed.comm.timeouts.connect
                self.client = distributed.Client(address)
        except (OSError, TimeoutError) as error:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        self.jobs = max(1, sum(self.client.nthreads().values()))

    def imap(
        self, fn: Callable[[T], R], items: Iterable[T], lost: Callable[[T], R] | None = None
    ) -> Iterator[R]:
        pending = iter(items)
        window: deque[tuple[T, Any]] = deque()

        def submit(item: T) -> Any:
            return self.client.submit(fn, item, pure=False)

        while fill(window, pending, submit, AHEAD * self.jobs):
            item, future = window.popleft()
            try:
                yield future.result()
            except self.distributed.KilledWorker:  # the scheduler gave up on it
                if lost is None:
                    raise
                yield lost(item)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def stop(self) -> None:
        self.close()
