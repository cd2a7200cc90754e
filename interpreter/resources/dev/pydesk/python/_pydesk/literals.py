"""`config["type"] is "py"`: CPython interns identifier-like string constants, so such comparisons hold there (with a
SyntaxWarning), and PyScript pages rely on them. GraalPy does not intern constants across code units, so they would
always be False. Page scripts and the modules they import are compiled with `is` / `is not` against an
identifier-like str literal turned into `==` / `!=`, which is what such code means; nothing else changes."""

_HINTS = ('is "', "is '", '" is ', "' is ")
_BYTE_HINTS = tuple(hint.encode("ascii") for hint in _HINTS)
_transformer = None


def needs(source):
    """True when the source (str or bytes) may compare with a str literal by identity: only then is it rewritten."""
    hints = _BYTE_HINTS if isinstance(source, (bytes, bytearray)) else _HINTS
    return any(hint in source for hint in hints)


def rewrite(tree):
    """Rewrites the comparisons in an AST (in place) and returns it."""
    global _transformer
    if _transformer is None:
        import ast  # only for code that needs it: importing ast costs tenths of a second on a cold interpreter

        def interned(node):
            return isinstance(node, ast.Constant) and type(node.value) is str and node.value.isidentifier()

        class Equality(ast.NodeTransformer):
            def visit_Compare(self, node):
                self.generic_visit(node)
                operands = [node.left, *node.comparators]
                for index, op in enumerate(node.ops):
                    if isinstance(op, (ast.Is, ast.IsNot)) and (interned(operands[index])
                                                                or interned(operands[index + 1])):
                        node.ops[index] = ast.Eq() if isinstance(op, ast.Is) else ast.NotEq()
                return node

        _transformer = Equality()
    return _transformer.visit(tree)


def install():
    """Modules imported from source files get the same rewrite (only those whose source has a hint). The standard
    library is left alone: it never relies on such comparisons, and GraalPy compiles it from source at every start,
    where a rewrite would cost seconds."""
    import sys
    from importlib import _bootstrap_external

    loader = _bootstrap_external.SourceLoader
    if getattr(loader.source_to_code, "_pydesk", False):
        return
    original = loader.source_to_code
    standard = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix} - {""})

    def source_to_code(self, data, path, *, _optimize=-1):
        if str(path).startswith(standard) or not needs(data):
            return original(self, data, path, _optimize=_optimize)
        import ast

        tree = rewrite(ast.parse(data, path))  # bytes as they are: the parser reads their encoding declaration
        return compile(tree, path, "exec", dont_inherit=True, optimize=_optimize)

    source_to_code._pydesk = True
    loader.source_to_code = source_to_code
