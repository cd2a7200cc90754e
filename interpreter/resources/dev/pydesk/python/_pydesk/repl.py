"""The inspector's REPL: runs what the user typed in the interpreter's global namespace (the page's scripts'
namespace), and completes names. Answers are text: "1" + repr of an expression's value ("" for a statement), or
"0" + the traceback; nothing the user types reaches the page's error banner."""

import sys

import __main__


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
                return "1"
            __main__.__dict__["_"] = value
            return "1" + repr(value)
        exec(compile(code, "<repl>", "exec"), __main__.__dict__)
        return "1"
    except SystemExit:
        return "1"
    except BaseException as error:
        return "0" + format_error(error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def complete(text):
    """Completions of `text` (a name or a dotted attribute path), one per line."""
    import keyword

    namespace = __main__.__dict__
    if "." in text:
        base, _, prefix = text.rpartition(".")
        try:
            value = eval(base, namespace)
        except BaseException:
            return ""
        try:
            names = dir(value)
        except BaseException:
            names = []
        return "\n".join(sorted(f"{base}.{name}" for name in set(names) if name.startswith(prefix)
                                and (prefix.startswith("_") or not name.startswith("_"))))
    import builtins

    names = set(namespace) | set(dir(builtins)) | set(keyword.kwlist)
    return "\n".join(sorted(name for name in names if name.startswith(text) and not name.startswith("__")))
