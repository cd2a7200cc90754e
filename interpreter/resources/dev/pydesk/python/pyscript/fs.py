"""`pyscript.fs`: a folder of the user's machine, chosen by the user, mounted where page Python can read and write
it (`await fs.mount("/local")`, then `open("/local/notes.txt")`), PyScript's API (`mount`, `sync`, `unmount`,
`revoke`, `mounted`).

PyScript asks the browser for a folder (Chromium's File System Access API, nothing in other browsers); PyDesk asks
the user with a folder chooser in the window, or, headless, takes the folder given with `--mount DIR` (or
`--mount /local=DIR`). Until a folder is chosen nothing of it is reachable; once mounted, page Python reaches it at
the mount point only (a relative mount point is relative to the page's folder), never through links that lead out
of it. The choice is kept for the rest of PyDesk's run per site root, mount point and `id`, as a browser keeps a
granted handle; `revoke()` forgets it. Writes go straight to the folder, so `sync()` has nothing to flush.
"""

import _pydesk

__all__ = ["mount", "mounted", "revoke", "sync", "unmount"]

mounted = {}
"""Mount point -> what is mounted there."""

_MODES = ("readwrite", "read")


class _Mount:
    """A mounted folder as page Python knows it: its mount point, mode and id (never its place on disk)."""

    def __init__(self, path, mode, id):
        self.path = path
        self.mode = mode
        self.id = id
        self.handler = self  # PyScript's details carry the browser's folder handle here

    def __repr__(self):
        return f"<mounted {self.path!r} mode={self.mode!r} id={self.id!r}>"


def _host():
    return _pydesk.host.mounts()


async def _check_permission(details):
    """The mount's handler when access to its folder is still granted, else None (PyScript's permission check)."""
    return details.handler if _host().granted(details.path, details.id) else None


async def mount(path, mode="readwrite", root="", id="pyscript"):
    """Mounts a folder the user chooses at `path` (`mode` "readwrite" or "read"; `root` a hint where the chooser
    starts; `id` tells apart several folders for one path). Asks only once per path and id in a run."""
    path = str(path)
    if mode not in _MODES:
        raise ValueError(f"fs.mount(): mode must be 'readwrite' or 'read', not {mode!r}")
    if path in mounted:
        if mounted[path].id != id:
            raise ValueError(f"Path '{path}' is already mounted with a different ID. "
                             f"Unmount it first or use a different path.")
        return
    from _pydesk.loop import get_loop

    future = get_loop().create_future()

    def answered(error):
        if future.done():
            return
        if error is None:
            future.set_result(None)
        else:
            future.set_exception(PermissionError(str(error)))

    _host().mount(path, mode, str(root or ""), str(id), answered)
    await future
    mounted[path] = _Mount(path, mode, id)


async def sync(path):
    """Makes sure what was written under `path` is in the folder (it always is in PyDesk: writes go straight to
    disk). A KeyError when nothing is mounted there."""
    if path not in mounted:
        raise KeyError(f"Path '{path}' is not mounted. Use fs.mount() to mount it first.")


async def unmount(path):
    """Unmounts `path`: its folder is no longer reachable. A KeyError when nothing is mounted there."""
    if path not in mounted:
        raise KeyError(f"Path '{path}' is not mounted. Cannot unmount.")
    await sync(path)
    _host().unmount(path)
    del mounted[path]


async def revoke(path, id="pyscript"):
    """Forgets the folder chosen for `path` and `id` (the next mount asks again) and unmounts it; False when no
    folder was chosen for them."""
    revoked = bool(_host().revoke(str(path), str(id)))
    if revoked:
        mounted.pop(path, None)
    return revoked
