"""Takes the obvious doors to JavaScript away from model-written code. A speed bump, not a security boundary."""
import sys

# Top-level modules that reach the JavaScript world (globals, fetch, package loading).
BLOCKED = frozenset({'js', 'pyodide', 'pyodide_js', '_pyodide', '_pyodide_core', 'micropip', 'pyodide_http'})


def _blocked(name):
    return name.partition('.')[0] in BLOCKED


class _Blocker:
    """A meta path finder that refuses the blocked modules, placed before every other finder."""

    def find_spec(self, name, path=None, target=None):
        __tracebackhide__ = True  # the error should point at the user's import, not here
        if _blocked(name):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return None


def lock_down():
    for name in [name for name in sys.modules if _blocked(name)]:
        del sys.modules[name]
    sys.meta_path[:] = [finder for finder in sys.meta_path if not _blocked(type(finder).__module__)]
    sys.meta_path.insert(0, _Blocker())
