"""Worker processes for `make dev`, each like one warm Lambda execution environment.

In AWS an execution environment imports the handler once and then runs one invocation at a
time, so module-level objects (Powertools' Logger and Metrics, the clients) never serve two
requests at once. Threads in one process would share them: correlation ids and metrics of
concurrent requests would mix. So the local server hands every request to an idle worker
process; a worker that fails or runs past the Timeout is replaced, as Lambda replaces an
environment. Run as `python -m puspa_local.workers FD TARGET PARENT_PID` by `WorkerPool` only.
"""

from __future__ import annotations

import importlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from .webhook_server import ERROR_RESPONSE, Handler, LocalContext, describe_error

DEFAULT_TARGET = "puspa_bot.entry:lambda_handler"
DEFAULT_SIZE = 4
"""Warm workers when PUSPA_DEV_WORKERS is not set: enough that concurrent deliveries (two
messages of one resident at once, a burst from Meta) run at once from the first request,
while `make dev` starts in a second or two and idles at some 100 MB per worker."""
DEFAULT_LIMIT = 16
"""Most workers a burst may start: like Lambda, when every worker is busy a request gets a new
one (a cold start) instead of waiting, up to this concurrency limit; past it, requests wait for
a free worker, as Lambda would throttle. Sixteen keeps a burst from starting dozens of
interpreters on a laptop."""
START_SECONDS = 60.0
"""How long a worker may take to import the handler."""
OVERRUN_SECONDS = 1.0
"""How long past its Timeout an invocation may run before its worker is stopped, as Lambda does."""
PARENT_POLL_SECONDS = 0.5


class WorkerError(RuntimeError):
    """A worker could not start: its handler did not import, or it exited."""


class Worker:
    """One worker process and this process's end of the connection to it."""

    def __init__(self, target: str) -> None:
        mine, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "puspa_local.workers",
                str(theirs.fileno()),
                target,
                str(os.getpid()),
            ],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            # Its own process group: Ctrl+C in the terminal reaches `make dev` only, which stops it.
            process_group=0,
        )
        theirs.close()
        self.connection = Connection(mine.detach())
        self.ready = False
        self.overran = False

    @property
    def pid(self) -> int:
        """The worker's process id."""
        return self.process.pid

    def wait_ready(self, seconds: float = START_SECONDS) -> None:
        """Wait until the worker has imported its handler; raise WorkerError if it cannot."""
        if self.ready:
            return
        try:
            if not self.connection.poll(seconds):
                raise WorkerError(f"worker {self.pid} did not load its handler in {seconds:.0f} s")
            kind, detail = self.connection.recv()
        except (EOFError, OSError):
            raise WorkerError(
                f"worker {self.pid} exited with status {self.process.wait()} while starting"
            ) from None
        if kind != "ready":
            raise WorkerError(str(detail))
        self.ready = True

    def call(self, event: dict[str, Any], context: LocalContext) -> dict[str, Any] | None:
        """The handler's response; None if the worker died or overran the context's budget."""
        try:
            self.connection.send((event, context.aws_request_id, context.timeout))
            if self.connection.poll(context.timeout + OVERRUN_SECONDS):
                return self.connection.recv()
            self.overran = True
        except (EOFError, OSError):
            pass
        return None

    def stop(self) -> None:
        """End the worker: close its connection (it exits), terminate it if it does not."""
        self.connection.close()
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class WorkerPool:
    """Worker processes, one request at a time each: `size` warm ones, up to `limit` in a burst."""

    def __init__(
        self, size: int = DEFAULT_SIZE, target: str = DEFAULT_TARGET, limit: int | None = None
    ) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.size = size
        self.limit = max(size, DEFAULT_LIMIT if limit is None else limit)
        self.target = target
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._workers: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> WorkerPool:
        """Start every worker and wait until each has imported its handler (all warm)."""
        workers = [Worker(self.target) for _ in range(self.size)]
        with self._lock:
            self._workers.update(workers)  # so that close() stops them, even while they start
        try:
            for worker in workers:
                worker.wait_ready()
        except WorkerError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)
        return self

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def pids(self) -> list[int]:
        """The process ids of the current workers."""
        with self._lock:
            return sorted(worker.pid for worker in self._workers)

    def invoke(self, event: dict[str, Any], context: LocalContext) -> dict[str, Any]:
        """Run the handler on `event` in an idle worker, with the budget of `context`.

        The worker's own context (same request id and Timeout) counts down from when the worker
        takes the request, as a Lambda invocation's does; waiting for a free worker is not
        counted, as waiting for an execution environment is not in AWS.
        """
        worker = self._next_worker()
        if worker is None:
            return ERROR_RESPONSE
        try:
            worker.wait_ready()  # a replacement's cold start
        except WorkerError as error:
            _log(f"webhook: {error}; answered 500")
            self._replace(worker)
            return ERROR_RESPONSE
        response = worker.call(event, context)
        if response is None:
            why = (
                f"ran past the {context.timeout:g} s Timeout and was stopped"
                if worker.overran
                else f"exited with status {_exit_status(worker.process)}"
            )
            _log(f"webhook: worker {worker.pid} {why}; answered 500, a fresh worker replaces it")
            self._replace(worker)
            return ERROR_RESPONSE
        self._idle.put(worker)
        return response

    def _next_worker(self) -> Worker | None:
        """An idle worker; a new one if all are busy and the limit allows; None once closed."""
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            with self._lock:
                worker = None
                if not self._closed and len(self._workers) < self.limit:
                    worker = Worker(self.target)
                    self._workers.add(worker)
            if worker is None:
                worker = self._idle.get()
        return None if self._closed else worker

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        for worker in workers:
            worker.stop()

    def _replace(self, worker: Worker) -> None:
        """Stop a failed worker and start another in its place (it warms up on first use)."""
        worker.stop()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
            fresh = Worker(self.target)
            self._workers.add(fresh)
        self._idle.put(fresh)


def _exit_status(process: subprocess.Popen[bytes]) -> int | str:
    """The status of a worker whose connection closed (it is exiting, or about to)."""
    try:
        return process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return "unknown"


def main(argv: list[str]) -> int:
    """Serve invocations from the parent over the inherited connection until it goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    fd, target, parent = int(argv[0]), argv[1], int(argv[2])
    _exit_with(parent)
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(line_buffering=True)  # whole log lines, never mixed with a sibling's
    connection = Connection(fd)
    try:
        handler = _load(target)
    except Exception as error:
        detail = f"{describe_error(error)}: {error}"
        _send(connection, ("failed", f"the handler {target} did not load ({detail})"))
        return 1
    if not _send(connection, ("ready", os.getpid())):
        return 0
    while True:
        try:
            event, request_id, timeout = connection.recv()
        except (EOFError, OSError):
            return 0
        response = _invoke(handler, event, LocalContext(timeout, request_id=request_id))
        if not _send(connection, response):
            return 0


def _invoke(handler: Handler, event: dict[str, Any], context: LocalContext) -> dict[str, Any]:
    """The handler's response; a failure becomes a 500 and one log line, never a traceback."""
    try:
        return handler(event, context)
    except Exception as error:
        _log(f"webhook: handler failed ({describe_error(error)}); answered 500")
        return ERROR_RESPONSE


def _send(connection: Connection, message: Any) -> bool:
    """Send to the parent; False once it is gone. An unpicklable answer becomes a 500."""
    try:
        connection.send(message)
    except (EOFError, OSError):
        return False
    except Exception as error:
        _log(f"webhook: the handler's answer cannot be passed on ({describe_error(error)})")
        return _send(connection, ERROR_RESPONSE)
    return True


def _load(target: str) -> Handler:
    """Import `module:function` once, as Lambda's runtime imports the handler."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _exit_with(parent: int) -> None:
    """Exit at once if the parent process dies, even while a request is being handled."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _log(line: str) -> None:
    """One line on stderr, at once."""
    print(line, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
