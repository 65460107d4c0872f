"""Runs model-written cells like a Jupyter kernel: one namespace per problem, output as a notebook shows it."""
import ast
import builtins
import gc
import io
import json
import linecache
import sys
import tokenize
import warnings

from .display import pretty
from .tracebacks import CELL_PREFIX, cell_filename, format_exception, format_syntax_error

STREAM_LIMIT = 1_000_000  # characters; protects the worker's memory, the engine trims further for the model
PART_LIMIT = 200_000  # characters of a shown value or a traceback: a page can render that without stalling


def _dropped_note(count):
    return f'\n[{count} more characters of output were not kept]\n'


def _cap(text, limit=PART_LIMIT):
    if len(text) <= limit:
        return text
    return text[:limit] + _dropped_note(len(text) - limit)


class StdinNotImplementedError(IOError, NotImplementedError):
    """What a Jupyter kernel raises when a cell calls input() and the client allows no stdin."""


def _no_input(prompt=''):
    __tracebackhide__ = True  # Jupyter shows the cell's call, not the kernel's stub
    raise StdinNotImplementedError('raw_input was called, but this frontend does not support input requests.')


class _Capture(io.TextIOBase):
    """stdout and stderr of one cell, interleaved in the order they were written."""

    encoding = 'utf-8'
    errors = 'strict'

    def __init__(self):
        self.parts = []
        self.size = 0
        self.dropped = 0

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f'write() argument must be str, not {type(text).__name__}')
        if self.size >= STREAM_LIMIT:  # a print flood costs a counter, not a copy
            self.dropped += len(text)
            return len(text)
        room = max(STREAM_LIMIT - self.size, 0)
        kept = text[:room]
        self.dropped += len(text) - len(kept)
        if kept:
            self.parts.append(kept)
            self.size += len(kept)
        return len(text)

    def getvalue(self):
        text = ''.join(self.parts)
        if self.dropped:
            text += _dropped_note(self.dropped)
        return text


def _is_quiet(code):
    """IPython hides the value when the cell's last meaningful token is ';'."""
    skip = {tokenize.ENDMARKER, tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.DEDENT, tokenize.INDENT}
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    for token in reversed(tokens):
        if token.type in skip:
            continue
        return token.type == tokenize.OP and token.string == ';'
    return False


def _cancel_tasks():
    """Ends the asyncio tasks a cell left pending: a tutor's next cell must not wait behind them (Jupyter keeps them)."""
    asyncio = sys.modules.get('asyncio')
    if asyncio is None:  # no cell imported it, so none scheduled a task
        return
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')  # the policy API is deprecated in 3.14, still how Pyodide's loop is found
            loop = asyncio.get_event_loop_policy().get_event_loop()
        for task in asyncio.all_tasks(loop):
            task.cancel()
    except Exception:  # a cell may have replaced the loop or the policy; the client's deadline still holds
        pass


class Kernel:
    def __init__(self):
        self.reset()

    def reset(self):
        """A fresh namespace and cell counter for the next problem; nothing of the last one is left to find."""
        self.namespace = None
        for name in [name for name in linecache.cache if name.startswith(CELL_PREFIX)]:
            del linecache.cache[name]
        sympy_cache = sys.modules.get('sympy.core.cache')
        if sympy_cache is not None:
            sympy_cache.clear_cache()  # cached results would show the last problem's expressions
        sys.last_exc = sys.last_value = sys.last_type = sys.last_traceback = None
        gc.collect()
        user_builtins = dict(vars(builtins))
        user_builtins['input'] = _no_input
        self.namespace = {'__name__': '__main__', '__doc__': None, '__builtins__': user_builtins}
        self.count = 0

    def run(self, code):
        """Runs one cell; returns JSON {text, stream, error, interrupted} as a notebook would show it."""
        self.count += 1
        return json.dumps(self._run(code, self.count))

    def restore(self, cells_json, count):
        """Restores the problem: runs its earlier cells (a list of [number, code]) again quietly in a fresh worker."""
        for number, code in json.loads(cells_json):
            self._run(code, number)
        self.count = count

    def _run(self, code, number):
        filename = cell_filename(number)
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        capture = _Capture()
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = capture
        shown, failure, interrupted = '', '', False
        try:
            shown = self._execute(code, filename, number)
        except SyntaxError as error:
            failure = format_syntax_error(error) if error.filename == filename else format_exception(error, 2)
        except KeyboardInterrupt as error:
            failure, interrupted = format_exception(error, 2), True
        except BaseException as error:  # SystemExit too: a cell must never end the kernel
            failure = format_exception(error, 2)
        finally:
            _cancel_tasks()
            sys.stdout, sys.stderr = saved
        stream = capture.getvalue()
        shown, failure = _cap(shown), _cap(failure)
        return {
            'text': stream + shown + failure,
            'stream': stream,
            'error': bool(failure),
            'interrupted': interrupted,
        }

    def _execute(self, code, filename, number):
        tree = ast.parse(code, filename)
        last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        body = tree.body[:-1] if last else tree.body
        exec(compile(ast.Module(body, type_ignores=[]), filename, 'exec'), self.namespace)
        if last is None:
            return ''
        value = eval(compile(ast.Expression(last.value), filename, 'eval'), self.namespace)
        if value is None or _is_quiet(code):
            return ''
        self._remember(value, number)
        return pretty(value)

    def _remember(self, value, number):
        # IPython's output history: _, __, ___ and _<n>.
        ns = self.namespace
        ns['___'], ns['__'], ns['_'] = ns.get('__', ''), ns.get('_', ''), value
        ns[f'_{number}'] = value


_kernel = None


def kernel():
    """The worker's kernel, made once at start-up, so a memory snapshot holds it ready and unused."""
    global _kernel
    if _kernel is None:
        _kernel = Kernel()
    return _kernel


def warm_up():
    """Imports SymPy once so the first cell that uses it does not pay for it."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter('ignore')  # Debian's sympy has a SyntaxWarning in sympy.testing, harmless
        import sympy

        sympy.solve(sympy.Symbol('x') ** 2 - 4)
