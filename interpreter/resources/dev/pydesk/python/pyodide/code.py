"""`pyodide.code`: run Python source and JavaScript from Python, as Pyodide's module does (`eval_code`,
`eval_code_async`, `find_imports`, `run_js`, `should_quiet`)."""

import ast

from pyodide import module_getattr as _module_getattr

__all__ = ["eval_code", "eval_code_async", "find_imports", "run_js", "should_quiet"]

_RETURN_MODES = ("last_expr", "last_expr_or_assign", "none")


def should_quiet(source):
    """True when the source ends with a semicolon (outside a comment): its value is not shown, as in IPython."""
    import io
    import tokenize

    last = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in (tokenize.COMMENT, tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER,
                                  tokenize.INDENT, tokenize.DEDENT):
                last = token
    except (tokenize.TokenError, SyntaxError):
        return False
    return last is not None and last.type == tokenize.OP and last.string == ";"


def _split(source, filename, return_mode, quiet):
    """(module without the statement whose value is returned, the expression to return or None)."""
    if return_mode not in _RETURN_MODES:
        raise ValueError(f"return_mode must be one of {', '.join(_RETURN_MODES)}, not {return_mode!r}")
    tree = ast.parse(source, filename)
    result = None
    if return_mode != "none" and tree.body and not (quiet and should_quiet(source)):
        last = tree.body[-1]
        if isinstance(last, ast.Expr):
            tree.body.pop()
            result = ast.Expression(last.value)
        elif return_mode == "last_expr_or_assign":
            target = None
            if isinstance(last, ast.Assign) and len(last.targets) == 1:
                target = last.targets[0]
            elif isinstance(last, (ast.AugAssign, ast.AnnAssign)) and last.value is not None:
                target = last.target
            if isinstance(target, ast.Name):
                result = ast.Expression(ast.Name(target.id, ast.Load()))
    for node in (tree, result):
        if node is not None:
            ast.fix_missing_locations(node)
    return tree, result


def eval_code(source, globals=None, locals=None, *, return_mode="last_expr", quiet_trailing_semicolon=True,
              filename="<exec>", flags=0, dont_inherit=False, optimize=-1):
    """Runs `source` in `globals` (a new dict when None) and returns the value of its last expression (see
    `return_mode`), or None when it ends with a semicolon."""
    namespace = {} if globals is None else globals
    tree, result = _split(source, filename, return_mode, quiet_trailing_semicolon)
    exec(compile(tree, filename, "exec", flags, dont_inherit, optimize), namespace, locals)
    if result is None:
        return None
    return eval(compile(result, filename, "eval", flags, dont_inherit, optimize), namespace, locals)


async def eval_code_async(source, globals=None, locals=None, *, return_mode="last_expr",
                          quiet_trailing_semicolon=True, filename="<exec>", flags=0, dont_inherit=False,
                          optimize=-1):
    """`eval_code` for source that may use top-level `await`."""
    if locals is not None:
        raise TypeError("eval_code_async(): locals= is not supported by PyDesk; pass one namespace as globals=")
    from _pydesk.runner import _bound_names

    namespace = {} if globals is None else globals
    tree, result = _split(source, filename, return_mode, quiet_trailing_semicolon)
    body = list(tree.body)
    if result is not None:
        body.append(ast.Return(result.body))
    names = sorted(_bound_names(tree.body))
    function = ast.AsyncFunctionDef(
        name="__pydesk_eval__",
        args=ast.arguments(posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None,
                           defaults=[]),
        body=([ast.Global(names=names)] if names else []) + (body or [ast.Pass()]),
        decorator_list=[], returns=None, type_params=[], lineno=1, col_offset=0)
    module = ast.Module(body=[function], type_ignores=[])
    ast.fix_missing_locations(module)
    exec(compile(module, filename, "exec", flags, dont_inherit, optimize), namespace)
    run = namespace.pop("__pydesk_eval__")
    return await run()


def find_imports(source):
    """The top-level modules `source` imports (`import numpy as np; from scipy import stats` -> numpy, scipy);
    relative imports are left out."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top not in found:
                found.append(top)
    return found


def run_js(code):
    """Evaluates JavaScript `code` in the page's global scope and returns its value."""
    if not isinstance(code, str):
        raise TypeError(f"run_js() takes a str of JavaScript, not {type(code).__name__}")
    from pyscript.context import window

    return window.eval(code)


__getattr__ = _module_getattr("pyodide.code", __all__)
