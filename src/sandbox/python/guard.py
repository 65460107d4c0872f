"""Takes the obvious doors to JavaScript and the network away from model-written code.

A speed bump with clear error messages, not the boundary: Python can always find its way back to a JS object
(gc, __subclasses__, removing this finder), so the worker itself removes fetch, postMessage and friends.
"""
import sys

# Modules that reach the JavaScript world (globals, fetch, package loading) or the network.
BLOCKED = frozenset({
    'js', 'pyodide', 'pyodide_js', '_pyodide', '_pyodide_core', 'micropip', 'pyodide_http',
    'socket', '_socket', 'ssl', '_ssl', 'urllib.request', 'http.client', 'ftplib', 'smtplib', 'webbrowser',
})


def _blocked_prefix(name):
    """The first part of a dotted name that is blocked ('pyodide' for 'pyodide.ffi'), or None."""
    parts = name.split('.')
    return next(('.'.join(parts[:i]) for i in range(1, len(parts) + 1) if '.'.join(parts[:i]) in BLOCKED), None)


def _blocked(name):
    return _blocked_prefix(name) is not None


class _Blocker:
    """A meta path finder that refuses the blocked modules, placed before every other finder."""

    def find_spec(self, name, path=None, target=None):
        __tracebackhide__ = True  # the error should point at the user's import, not here
        prefix = _blocked_prefix(name)
        if prefix:
            raise ModuleNotFoundError(f"No module named '{prefix}'", name=prefix)
        return None


# Audit events that hand a cell other objects of the interpreter (other problems' namespaces, JS proxies).
REFUSED_EVENTS = frozenset({
    'sys.addaudithook', 'gc.get_objects', 'gc.get_referrers', 'gc.get_referents', 'sys.settrace', 'sys.setprofile',
})


def _audit(event, args):
    __tracebackhide__ = True  # the error should point at the user's call, not here
    # Audit hooks cannot be removed, and see imports even when a cell takes the finder out of sys.meta_path.
    prefix = _blocked_prefix(args[0]) if event == 'import' else None
    if prefix:
        raise ModuleNotFoundError(f"No module named '{prefix}'", name=prefix)
    if event in REFUSED_EVENTS:
        raise RuntimeError(f'{event} is not available in this sandbox')


def lock_down():
    sys.addaudithook(_audit)
    for name in [name for name in sys.modules if _blocked(name)]:
        del sys.modules[name]
    sys.meta_path[:] = [finder for finder in sys.meta_path if not _blocked(type(finder).__module__)]
    sys.meta_path.insert(0, _Blocker())
