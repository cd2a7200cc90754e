"""Runs page scripts in the interpreter's global namespace and turns their errors into PyScript-like tracebacks.

Scripts may use top-level `await` (PyScript's default): GraalPy's compiler has no flag for it, so such a script is
rewritten into an `async def` whose body declares every name it binds `global`, and runs as a task on the loop.
"""

import sys

import __main__
import _pydesk


def format_error(error):
    import traceback  # only on error: importing it costs tenths of a second on a cold interpreter

    # Hide PyDesk's own frames (and asyncio's, for a task): the traceback starts at the page's code, as in PyScript.
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_globals.get("__name__", "").startswith(("_pydesk", "asyncio")):
        tb = tb.tb_next
    return short_paths("".join(traceback.format_exception(type(error), error, tb)))


_path_rules = None


def short_paths(text):
    """Names files as the page knows them, never where they live on this machine: files under the site root relative
    to it (`app/main.py`, `lib/x.py`), the standard library and installed packages where Pyodide has them
    (`/lib/python3.12/...`, `/lib/python3.12/site-packages/...`)."""
    global _path_rules
    if _path_rules is None:
        import re

        rules = []
        packages = _pydesk.host.packagesRoot()
        if packages:
            rules.append((re.compile(re.escape(packages.rstrip("/")) + r"/[^/\"\n]+/"), "/lib/python3.12/site-packages/"))
        root = _pydesk.host.siteRoot()
        if root:
            rules.append((re.compile(re.escape(root.rstrip("/")) + "/"), ""))
        if sys.prefix and sys.prefix != "/":
            rules.append((re.compile(re.escape(sys.prefix.rstrip("/")) + r"(?=/lib/)"), ""))
        _path_rules = rules
    for pattern, replacement in _path_rules:
        text = pattern.sub(replacement, text)
    return text


_ASYNC_OUTSIDE = ("'await' outside", "'async for' outside", "'async with' outside", "asynchronous comprehension outside")


def _compile(code, filename, allow_await=True):
    """Returns (code object, is_async)."""
    from _pydesk import literals

    rewrite = literals.needs(code)  # `x is "py"`: see _pydesk.literals
    try:
        if not rewrite:
            return compile(code, filename, "exec"), False
        import ast

        tree = literals.rewrite(ast.parse(code, filename))
        return compile(tree, filename, "exec"), False
    except SyntaxError as error:
        if not allow_await or not any(marker in str(error.msg) for marker in _ASYNC_OUTSIDE):
            raise
    import ast

    tree = ast.parse(code, filename)
    if rewrite:
        literals.rewrite(tree)
    names = sorted(_bound_names(tree.body))
    body = ([ast.Global(names=names)] if names else []) + tree.body
    main = ast.AsyncFunctionDef(
        name="__pydesk_main__",
        args=ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]),
        body=body,
        decorator_list=[],
        returns=None,
        type_params=[],
        lineno=1,
        col_offset=0,
    )
    module = ast.Module(body=[main], type_ignores=[])
    ast.fix_missing_locations(module)
    return compile(module, filename, "exec"), True


def _bound_names(statements):
    """Names a module body binds at its top level (not inside functions, classes, lambdas or comprehensions)."""
    import ast

    names = set()

    def target(node):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, (ast.Tuple, ast.List)):
            for element in node.elts:
                target(element)
        elif isinstance(node, ast.Starred):
            target(node.value)

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            return
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, (ast.Assign,)):
            for t in node.targets:
                target(t)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            target(node.target)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            target(node.optional_vars)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.NamedExpr):
            target(node.target)
        elif isinstance(node, ast.Delete):
            for t in node.targets:
                target(t)
        for child in ast.iter_child_nodes(node):
            visit(child)

    for statement in statements:
        visit(statement)
    return names


def run(code, filename, token, allow_await=True):
    """Runs one script (already dedented). Returns None when it finished, the traceback text of an uncaught
    exception, or True when it awaits: the host hears `scriptFinished(token, traceback)` when it is done.
    `allow_await=False` is a script with `async="false"`: top-level await is then a SyntaxError, as in PyScript."""
    try:
        compiled, is_async = _compile(code, filename, allow_await)
        namespace = __main__.__dict__
        if not is_async:
            exec(compiled, namespace)
            return None
        exec(compiled, namespace)
        main = namespace.pop("__pydesk_main__")
        from _pydesk.loop import run_coroutine

        run_coroutine(main(), lambda traceback: _pydesk.host.scriptFinished(token, traceback))
        return True
    except SystemExit:
        return None
    except BaseException as error:  # report everything the page raised, never crash the runtime
        return format_error(error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def call(fn, *args):
    """Calls a Python callable for JavaScript or the event loop; returns (result, None) or (None, traceback text).

    Java passes the callable and then its arguments one by one (`Value.execute(callable, arg1, ...)`)."""
    try:
        return fn(*args), None
    except BaseException as error:
        return None, format_error(error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def report_error(traceback):
    """Reports the traceback of a task that failed outside any script run (console and banner)."""
    if traceback is not None:
        _pydesk.host.reportError(traceback)
