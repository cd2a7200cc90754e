"""Installed packages on `sys.path`, and `py_import`: PyScript's on-demand install and import. Java sees this module
as `dev.pydesk.interpreter.python.PackagesModule`.

The host installs wheels on its own threads (into the per-user package cache, never the page's folder) and answers
on this interpreter's thread through the event loop, as fetch does.
"""

import sys

import _pydesk


def add(folders):
    """Puts installed package folders at the front of `sys.path`, in their order."""
    import importlib

    for folder in reversed([str(folder) for folder in folders]):
        if folder not in sys.path:
            sys.path.insert(0, folder)
    importlib.invalidate_caches()


def _install(requirement):
    from _pydesk.loop import get_loop

    future = get_loop().create_future()

    def answered(folders, top_level, error):
        if future.done():
            return
        if error is not None:
            future.set_exception(ModuleNotFoundError(f"py_import: {error}"))
        else:
            future.set_result(([str(folder) for folder in folders], [str(name) for name in top_level]))

    _pydesk.host.packages().install(requirement, answered)
    return future


def _module_name(requirement):
    """The module a package name most likely provides: `python-dateutil==2` -> `python_dateutil`."""
    import re

    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    return match.group(0).replace("-", "_").replace(".", "_") if match else requirement


def _importable(name):
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


async def py_import(*names):
    """`mod_a, mod_b = await py_import("a", "b")`: installs what is not importable yet (names, wheel paths or URLs,
    as in `packages`), then imports; returns the modules as a tuple, in order."""
    import asyncio
    import importlib

    wanted = []
    for requirement in names:
        requirement = str(requirement)
        is_wheel = requirement.split("?")[0].endswith(".whl")
        module = None if is_wheel else _module_name(requirement)
        wanted.append((requirement, module, is_wheel or not _importable(module)))
    installs = [_install(requirement) for requirement, _, missing in wanted if missing]
    results = iter(await asyncio.gather(*installs))
    modules = []
    for requirement, module, missing in wanted:
        if missing:
            folders, top_level = next(results)
            add(folders)
            if module is None or (module not in top_level and top_level and not _importable(module)):
                module = top_level[0] if top_level else _module_name(requirement)
        modules.append(importlib.import_module(module))
    return tuple(modules)
