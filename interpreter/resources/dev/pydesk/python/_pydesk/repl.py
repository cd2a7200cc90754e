"""The inspector's REPL: runs what the user typed in the interpreter's global namespace (the page's scripts'
namespace), and completes names. Java sees this module as `dev.pydesk.interpreter.ReplModule`; nothing the user
types reaches the page's error banner."""

import sys

import __main__


class Answer:
    """What the REPL shows for one input (Java: ReplModule.Answer): the repr of an expression's value ("" for a
    statement or None), or the traceback."""

    def __init__(self, ok, text):
        self._ok = ok
        self._text = text

    def ok(self):
        return self._ok

    def text(self):
        return self._text


def run(code):
    from _pydesk.runner import format_error

    try:
        try:
            compiled = compile(code, "<repl>", "eval")
        except SyntaxError:
            compiled = None
        if compiled is not None:
            value = eval(compiled, __main__.__dict__)
            if value is None:
                return Answer(True, "")
            __main__.__dict__["_"] = value
            return Answer(True, repr(value))
        exec(compile(code, "<repl>", "exec"), __main__.__dict__)
        return Answer(True, "")
    except SystemExit:
        return Answer(True, "")
    except BaseException as error:
        return Answer(False, format_error(error))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def complete(text):
    """Completions of `text` (a name or a dotted attribute path), sorted."""
    import keyword

    namespace = __main__.__dict__
    if "." in text:
        base, _, prefix = text.rpartition(".")
        try:
            value = eval(base, namespace)
        except BaseException:
            return []
        try:
            names = dir(value)
        except BaseException:
            names = []
        return sorted(f"{base}.{name}" for name in set(names) if name.startswith(prefix)
                      and (prefix.startswith("_") or not name.startswith("_")))
    import builtins

    names = set(namespace) | set(dir(builtins)) | set(keyword.kwlist)
    return sorted(name for name in names if name.startswith(text) and not name.startswith("__"))
