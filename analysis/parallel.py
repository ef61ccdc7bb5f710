"""Run the per-file analysis serially, on local worker processes, or on a Dask cluster.

Every engine yields one `Outcome` per input file in input order, so the tables written are the
same whatever the engine or the number of workers. At most `window` files are in flight at once:
finished results are handed to the writer as soon as they are next in order, so memory stays
bounded by the window, not by the size of the corpus.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .pipeline import Outcome

ENGINES = ("local", "dask")


def resolve_jobs(jobs: int) -> int:
    """Return the worker count: `jobs`, or every available core when jobs <= 0."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def analyse_one(path: Path, options: dict) -> Outcome:
    """Return the Outcome of one file: the unit of work every engine runs."""
    from .pipeline import analyse_file

    return analyse_file(path, **options)


def _warm_worker() -> None:
    """Load the heavy libraries once per worker process, not once per file."""
    from . import pipeline

    for name in pipeline.COMPONENTS:
        __import__(f"analysis.{name}")
    from .readability import _textstat

    _textstat()


def _ordered(
    files: list[Path], submit: Callable[[Path], object], result: Callable[[object], Outcome], window
) -> Iterator[Outcome]:
    """Yield results in input order, keeping at most `window` submissions in flight."""
    pending: deque = deque()
    todo = iter(files)
    for path in todo:
        pending.append(submit(path))
        if len(pending) >= window:
            break
    while pending:
        yield result(pending.popleft())
        for path in todo:
            pending.append(submit(path))
            break


def _local(files: list[Path], options: dict, jobs: int) -> Iterator[Outcome]:
    """Yield Outcomes computed by a pool of local worker processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver/spawn keep workers independent of the parent's threads (matplotlib, tqdm).
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_warm_worker) as pool:
        yield from _ordered(
            files,
            lambda path: pool.submit(analyse_one, path, options),
            lambda future: future.result(),
            window=2 * jobs,
        )


def _dask(files: list[Path], options: dict, jobs: int, scheduler: str | None) -> Iterator[Outcome]:
    """Yield Outcomes computed on a Dask cluster (a LocalCluster when no scheduler is given)."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
        )
    client = Client(cluster if cluster is not None else scheduler)
    try:
        client.run(_warm_worker)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _ordered(
            files,
            lambda path: client.submit(analyse_one, path, options, pure=False),
            lambda future: future.result(),
            window=2 * workers,
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def outcomes(
    files: Iterable[Path],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    **options,
) -> Iterator[Outcome]:
    """Yield one Outcome per file, in order, computed by the chosen engine and worker count."""
    files = list(files)
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    jobs = resolve_jobs(jobs)
    if engine == "dask":
        return _dask(files, options, jobs, scheduler)
    if jobs == 1 or len(files) < 2:
        return (analyse_one(path, options) for path in files)
    return _local(files, options, min(jobs, len(files)))
