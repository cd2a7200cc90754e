"""The inspector's REPL: runs what the user typed in the interpreter's global namespace (the page's scripts'
namespace), and completes names. Java sees this module as `dev.pydesk.interpreter.python.ReplModule`; nothing the user
types reaches the page's error banner."""

import ast
import re
import sys

import __main__

_selected = None
"""The element selected in the inspector's Elements tab (a JsProxy), as `$0` reads it."""

_STRING = r"""[rRbBuUfF]{0,2}(?:'''[\s\S]*?'''|\"\"\"[\s\S]*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")"""
_SELECTION = re.compile(r"(?P<keep>" + _STRING + r"|#[^\n]*)|\$0(?!\w)")
"""DevTools' `$0` (not a Python name: rewritten), outside string literals and comments (kept as they are)."""


class Answer:
    """What the REPL shows for one input (Java: ReplModule.Answer): the repr of the last expression's value ("" for
    statements or None), or the traceback."""

    def __init__(self, ok, text):
        self._ok = ok
        self._text = text

    def ok(self):
        return self._ok

    def text(self):
        return self._text


def selected():
    """`$0`: the element selected in the Elements tab, or None."""
    return _selected


def _with_selection(code):
    return _SELECTION.sub(lambda m: m.group("keep") or "__import__('_pydesk.repl').repl.selected()", code)


def run(code, selection):
    """Runs `code` as CPython's REPL would a line: statements run, and the value of a last expression is shown
    (`import sys; sys.version` shows the version). `selection` is `$0` (a JsProxy, or None)."""
    from _pydesk.runner import format_error

    global _selected
    _selected = selection
    namespace = __main__.__dict__
    try:
        tree = ast.parse(_with_selection(code), "<repl>", "exec")
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        if tree.body:
            exec(compile(tree, "<repl>", "exec"), namespace)
        if last is None:
            return Answer(True, "")
        value = eval(compile(last, "<repl>", "eval"), namespace)
        if value is None:
            return Answer(True, "")
        namespace["_"] = value
        return Answer(True, repr(value))
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
