"""The interpreter's asyncio event loop, driven by the host's thread (the FX thread for the page's main thread).

There is no blocking `run_forever`: every callback is handed to the host, which runs it on the interpreter's own
thread when it is due, so the window keeps painting while Python awaits. Like Pyodide's WebLoop, the loop counts
as always running on that thread (`asyncio.get_running_loop()`, `asyncio.create_task()` work anywhere), and
`run_until_complete()` schedules the awaitable and returns its future instead of blocking.
"""

import asyncio
import contextvars
import sys

import _pydesk


class PyDeskLoop(asyncio.AbstractEventLoop):
    def __init__(self, host):
        self._host = host
        self._closed = False
        self._debug = False
        self._exception_handler = None
        self._task_factory = None
        self._timers = {}

    # Scheduling: every handle goes to the host, which calls `_run_handle` when it is due.
    def time(self):
        return self._host.monotonic()

    def call_soon(self, callback, *args, context=None):
        return self.call_later(0, callback, *args, context=context)

    def call_soon_threadsafe(self, callback, *args, context=None):
        return self.call_soon(callback, *args, context=context)

    def call_later(self, delay, callback, *args, context=None):
        return self.call_at(self.time() + max(0.0, delay), callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        handle = asyncio.TimerHandle(when, callback, args, self, context=context)

        def due():
            self._timers.pop(handle, None)
            if not handle._cancelled:
                handle._run()

        self._timers[handle] = self._host.schedule(max(0.0, (when - self.time()) * 1000.0), due)
        return handle

    def _timer_handle_cancelled(self, handle):
        # A cancelled timer must not keep the page "busy" (headless mode waits for pending timers).
        timer = self._timers.pop(handle, None)
        if timer is not None:
            self._host.cancel(timer)

    # Futures and tasks.
    def create_future(self):
        return asyncio.Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is not None:
            task = self._task_factory(self, coro) if context is None else self._task_factory(self, coro, context=context)
        else:
            task = asyncio.Task(coro, loop=self, name=name, context=context)
        task.add_done_callback(self._report_unretrieved)
        return task

    def _report_unretrieved(self, task):
        """A task that failed and that nobody awaits is reported now, not whenever the garbage collector runs
        (GraalPy's may never). Checked a tick later, after any awaiting task has taken the exception."""

        def check():
            if not task.cancelled() and getattr(task, "_log_traceback", False):
                task._log_traceback = False
                self.call_exception_handler(
                    {"message": f"Task exception was never retrieved: {task.get_name()}",
                     "exception": task.exception(), "task": task}
                )

        if task.cancelled() or getattr(task, "_exception", None) is None:
            return  # (task.exception() would mark the exception as retrieved)
        self.call_soon(check)

    def set_task_factory(self, factory):
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    def run_until_complete(self, future):
        """Schedules `future` and returns it: the host's thread cannot block waiting for it."""
        return asyncio.ensure_future(future, loop=self)

    def run_forever(self):
        raise RuntimeError("PyDesk's event loop is always running; use await or asyncio.create_task()")

    def is_running(self):
        return True

    def is_closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def stop(self):
        pass

    def _check_closed(self):
        if self._closed:
            raise RuntimeError("Event loop is closed")

    async def shutdown_asyncgens(self):
        pass

    async def shutdown_default_executor(self, timeout=None):
        pass

    def run_in_executor(self, executor, func, *args):
        """There are no threads for page Python: runs `func` soon, on the loop's thread."""
        future = self.create_future()

        def run():
            if future.cancelled():
                return
            try:
                future.set_result(func(*args))
            except BaseException as error:
                future.set_exception(error)

        self.call_soon(run)
        return future

    # Errors.
    def get_exception_handler(self):
        return self._exception_handler

    def set_exception_handler(self, handler):
        self._exception_handler = handler

    def default_exception_handler(self, context):
        import traceback

        message = context.get("message") or "Unhandled exception in event loop"
        error = context.get("exception")
        text = message
        if error is not None:
            text += "\n" + "".join(traceback.format_exception(type(error), error, error.__traceback__))
        self._host.reportError(text.rstrip())

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            self.default_exception_handler(context)
        else:
            try:
                self._exception_handler(self, context)
            except BaseException as error:
                self.default_exception_handler({"message": "Error in the loop's exception handler", "exception": error})

    def get_debug(self):
        return self._debug

    def set_debug(self, enabled):
        self._debug = enabled


class _Policy(asyncio.DefaultEventLoopPolicy):
    def __init__(self, loop):
        super().__init__()
        self._pydesk_loop = loop

    def get_event_loop(self):
        return self._pydesk_loop

    def new_event_loop(self):
        return self._pydesk_loop


_loop = None


def get_loop():
    """The interpreter's loop, made (and made current and running) on first use: asyncio costs seconds to import
    on a cold interpreter, so pages that never await never pay for it."""
    global _loop
    if _loop is None:
        _loop = PyDeskLoop(_pydesk.host)
        asyncio.set_event_loop_policy(_Policy(_loop))
        asyncio.events._set_running_loop(_loop)
    return _loop


def run_coroutine(coro, on_done):
    """Runs a coroutine as a task; calls `on_done(exception_or_None)` when it has finished."""
    task = get_loop().create_task(coro)

    def finished(done):
        on_done(None if done.cancelled() else done.exception())  # (retrieved: no "never retrieved" warning)

    task.add_done_callback(finished)
    return task
