"""Runs page scripts in the interpreter's global namespace and turns their errors into PyScript-like tracebacks."""

import sys

import __main__
import _pydesk


def _format(error):
    import traceback  # only on error: importing it costs ~0.3 s on a cold interpreter

    # Hide PyDesk's own frames: the traceback starts at the page's code, as in PyScript.
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_globals.get("__name__") == __name__:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(error), error, tb))


def run(code, filename, target):
    """Runs one script (already dedented); returns None, or the traceback text of an uncaught exception."""
    _pydesk.target = target
    try:
        compiled = compile(code, filename, "exec")
        exec(compiled, __main__.__dict__)
        return None
    except SystemExit:
        return None
    except BaseException as error:  # report everything the page raised, never crash the runtime
        return _format(error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def call(fn, *args):
    """Calls a Python callable for JavaScript; returns (result, None) or (None, traceback text).

    Java passes the callable and then its arguments one by one (`Value.execute(callable, arg1, ...)`)."""
    try:
        return fn(*args), None
    except BaseException as error:
        return None, _format(error)
