"""Runs page scripts in the interpreter's global namespace and turns their errors into PyScript-like tracebacks;
calls Python callables for Java and JavaScript. Java sees this module as `dev.pydesk.interpreter.python.RunnerModule`.

Scripts may use top-level `await` (PyScript's default): GraalPy's compiler has no flag for it, so such a script is
rewritten into an `async def` whose body declares every name it binds `global`, and runs as a task on the loop.
"""

import sys

import __main__
import _pydesk


def format_error(error):
    import traceback  # only on error: importing it costs tenths of a second on a cold interpreter

    # Hide PyDesk's own frames (and asyncio's, for a task): the traceback starts at the page's code, as in PyScript,
    # and ends where the page called into the bridge (not in the Python helper that raised JsException for Java).
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_globals.get("__name__", "").startswith(("_pydesk", "asyncio")):
        tb = tb.tb_next
    report = traceback.TracebackException(type(error), error, tb)
    while report.stack and report.stack[-1].filename.startswith("pydesk:_pydesk."):
        del report.stack[-1]
    return short_paths("".join(report.format()))


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


def run(code, filename, allowAwait, outcome):
    """Runs one script (already dedented) and tells `outcome` (Java's ScriptOutcome) how it ended: `finished()` or
    `failed(type, message, traceback)`, at once, or for a script with top-level await when its task has ended.
    `allowAwait=False` is a script with `async="false"`: top-level await is then a SyntaxError, as in PyScript."""
    try:
        compiled, is_async = _compile(code, filename, allowAwait)
        namespace = __main__.__dict__
        exec(compiled, namespace)
        if not is_async:
            outcome.finished()
            return
        main = namespace.pop("__pydesk_main__")
        from _pydesk.loop import run_coroutine

        run_coroutine(main(), lambda error: tell(outcome, error))
    except SystemExit:
        outcome.finished()
    except BaseException as error:  # report everything the page raised, never crash the runtime
        tell(outcome, error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def tell(outcome, error):
    """Tells a ScriptOutcome how a run ended: `error` is the exception it raised, or None."""
    if error is None:
        outcome.finished()
    else:
        outcome.failed(type(error).__name__, str(error), format_error(error))


def caller():
    """`call` itself (Java: RunnerModule.caller()): Java calls it with the arguments one by one."""
    return call


def jsCaller():
    """`callFromJs` itself (Java: RunnerModule.jsCaller())."""
    return callFromJs


def call(fn, *args):
    """Calls a Python callable for Java (timers, answers to fetch and WebSockets); an exception it raises is the
    page's error (console and banner)."""
    try:
        fn(*args)
    except BaseException as error:
        report_error(error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def callFromJs(fn, *args):
    """JavaScript calls a Python callable (a handler, a proxy): returns its result for JavaScript. An `async def`
    handler runs as a task on the loop (JavaScript gets None at once); an exception is the page's error."""
    try:
        result = fn(*args)
        if result is not None and type(result).__name__ == "coroutine":
            from _pydesk.loop import run_coroutine

            run_coroutine(result, report_error)
            return None
        return result
    except BaseException as error:
        report_error(error)
        return None


def report_error(error):
    """Reports an exception raised outside any script run (a task, a handler): console and banner."""
    if error is not None:
        _pydesk.host.reportError(format_error(error))
