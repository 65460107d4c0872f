"""The text/plain a Jupyter (IPython 8) kernel shows for a value: repr, but containers wrap at 79 columns."""
import collections
import inspect
import types

MAX_WIDTH = 79
MAX_SEQ_LENGTH = 1000


class _Group:
    def __init__(self, depth):
        self.depth = depth
        self.breakables = collections.deque()
        self.want_break = False


class _Text:
    def __init__(self):
        self.parts = []
        self.width = 0

    def emit(self, printer, column):
        printer.out.extend(self.parts)
        return column + self.width


class _Breakable:
    def __init__(self, sep, printer):
        self.sep = sep
        self.width = len(sep)
        self.indent = printer.indent
        self.group = printer.groups[-1]
        self.group.breakables.append(self)

    def emit(self, printer, column):
        self.group.breakables.popleft()
        if self.group.want_break:
            printer.out.append('\n' + ' ' * self.indent)
            return self.indent
        if not self.group.breakables:
            printer.forget(self.group)
        printer.out.append(self.sep)
        return column + self.width


class Printer:
    """Oppen-style printer with IPython's semantics: the outermost group that overflows breaks first."""

    def __init__(self, width=MAX_WIDTH):
        self.width = width
        self.out = []
        self.column = 0
        self.pending = collections.deque()
        self.pending_width = 0
        self.indent = 0
        self.groups = [_Group(0)]
        self.queue = []  # groups by depth, waiting to be broken
        self.visiting = []

    def text(self, s):
        if self.pending:
            last = self.pending[-1]
            if not isinstance(last, _Text):
                last = _Text()
                self.pending.append(last)
            last.parts.append(s)
            last.width += len(s)
            self.pending_width += len(s)
            self._break_outer_groups()
        else:
            self.out.append(s)
            self.column += len(s)

    def breakable(self, sep=' '):
        if self.groups[-1].want_break:
            self._newline()
        else:
            self.pending.append(_Breakable(sep, self))
            self.pending_width += len(sep)
            self._break_outer_groups()

    def hard_break(self):
        group = self._next_group_to_break()
        if group:
            self._break_group(group)
        self._newline()

    def begin(self, indent=0, open_text=''):
        if open_text:
            self.text(open_text)
        group = _Group(self.groups[-1].depth + 1)
        self.groups.append(group)
        while len(self.queue) <= group.depth:
            self.queue.append([])
        self.queue[group.depth].append(group)
        self.indent += indent

    def end(self, dedent=0, close_text=''):
        self.indent -= dedent
        group = self.groups.pop()
        if not group.breakables:
            self.forget(group)
        if close_text:
            self.text(close_text)

    def forget(self, group):
        level = self.queue[group.depth] if group.depth < len(self.queue) else []
        if group in level:
            level.remove(group)

    def flush(self):
        for item in self.pending:
            self.column = item.emit(self, self.column)
        self.pending.clear()
        self.pending_width = 0

    def getvalue(self):
        self.flush()
        return ''.join(self.out)

    def _newline(self):
        self.flush()
        self.out.append('\n' + ' ' * self.indent)
        self.column = self.indent
        self.pending_width = 0

    def _next_group_to_break(self):
        # Shallowest group first; a level whose groups have no pending breaks is marked broken and dropped.
        for level in self.queue:
            for idx in range(len(level) - 1, -1, -1):
                group = level[idx]
                if group.breakables:
                    del level[idx]
                    group.want_break = True
                    return group
            for group in level:
                group.want_break = True
            level.clear()
        return None

    def _break_group(self, group):
        while group.breakables:
            item = self.pending.popleft()
            self.column = item.emit(self, self.column)
            self.pending_width -= item.width
        while self.pending and isinstance(self.pending[0], _Text):
            item = self.pending.popleft()
            self.column = item.emit(self, self.column)
            self.pending_width -= item.width

    def _break_outer_groups(self):
        while self.width < self.column + self.pending_width:
            group = self._next_group_to_break()
            if not group:
                return
            self._break_group(group)

    def items(self, seq):
        """Like enumerate, but stops after MAX_SEQ_LENGTH items with an ellipsis."""
        for idx, item in enumerate(seq):
            if idx >= MAX_SEQ_LENGTH:
                self.text(',')
                self.breakable()
                self.text('...')
                return
            yield idx, item

    def pretty(self, obj):
        cycle = id(obj) in self.visiting
        self.visiting.append(id(obj))
        self.begin()
        try:
            _printer_for(obj)(obj, self, cycle)
        finally:
            self.end()
            self.visiting.pop()


def pretty(obj, width=MAX_WIDTH):
    printer = Printer(width)
    printer.pretty(obj)
    return printer.getvalue()


def _repr_lines(obj, p, cycle):
    # A multi-line repr (a sympy Matrix) keeps its lines, indented to the current level.
    p.begin()
    for idx, line in enumerate(repr(obj).splitlines()):
        if idx:
            p.hard_break()
        p.text(line)
    p.end()


def _sequence(open_text, close_text):
    def show(obj, p, cycle):
        if cycle:
            return p.text(open_text + '...' + close_text)
        p.begin(len(open_text), open_text)
        for idx, item in p.items(obj):
            if idx:
                p.text(',')
                p.breakable()
            p.pretty(item)
        if len(obj) == 1 and isinstance(obj, tuple):
            p.text(',')
        p.end(len(open_text), close_text)

    return show


def _sorted_if_possible(items):
    try:
        return sorted(items)
    except Exception:
        try:
            return sorted(items, key=str)
        except Exception:
            return list(items)


def _set(open_text, close_text):
    def show(obj, p, cycle):
        if cycle:
            return p.text(open_text + '...' + close_text)
        if not obj:
            return p.text(type(obj).__name__ + '()')
        p.begin(len(open_text), open_text)
        items = obj if len(obj) >= MAX_SEQ_LENGTH else _sorted_if_possible(obj)
        for idx, item in p.items(items):
            if idx:
                p.text(',')
                p.breakable()
            p.pretty(item)
        p.end(len(open_text), close_text)

    return show


def _dict(obj, p, cycle):
    if cycle:
        return p.text('{...}')
    p.begin(1, '{')
    for idx, key in p.items(obj.keys()):
        if idx:
            p.text(',')
            p.breakable()
        p.pretty(key)
        p.text(': ')
        p.pretty(obj[key])
    p.end(1, '}')


def _type_name(cls):
    module = getattr(cls, '__module__', None)
    name = getattr(cls, '__qualname__', None)
    if not isinstance(name, str):
        name = getattr(cls, '__name__', '<unknown type>')
    if module in (None, 'builtins'):
        return name
    return f'{module}.{name}'


def _type(obj, p, cycle):
    own_repr = [klass for klass in type(obj).__mro__ if '__repr__' in vars(klass)][:1]
    if own_repr != [type]:
        return _repr_lines(obj, p, cycle)
    p.text(_type_name(obj))


def _function(obj, p, cycle):
    name = getattr(obj, '__qualname__', obj.__name__)
    module = getattr(obj, '__module__', None)
    if module and module != 'builtins':
        name = f'{module}.{name}'
    try:
        name += str(inspect.signature(obj))
    except (ValueError, TypeError):
        pass
    p.text(f'<function {name}>')


def _default(obj, p, cycle):
    # Objects without their own repr: IPython writes <module.Class at 0x...>.
    p.begin(1, '<')
    p.text(_type_name(type(obj)))
    p.text(f' at 0x{id(obj):x}')
    p.end(1, '>')


def _called(name, obj, p, cycle, show_inner):
    p.begin(len(name) + 1, name + '(')
    if cycle:
        p.text('...')
    else:
        show_inner()
    p.end(len(name) + 1, ')')


def _defaultdict(obj, p, cycle):
    def inner():
        p.pretty(obj.default_factory)
        p.text(',')
        p.breakable()
        p.pretty(dict(obj))

    _called(type(obj).__name__, obj, p, cycle, inner)


def _counter(obj, p, cycle):
    if not obj:
        return p.text(type(obj).__name__ + '()')
    _called(type(obj).__name__, obj, p, cycle, lambda: p.pretty(dict(obj.most_common())))


def _deque(obj, p, cycle):
    _called(type(obj).__name__, obj, p, cycle, lambda: p.pretty(list(obj)))


_BY_TYPE = {
    list: _sequence('[', ']'),
    tuple: _sequence('(', ')'),
    set: _set('{', '}'),
    frozenset: _set('frozenset({', '})'),
    dict: _dict,
    type: _type,
    types.FunctionType: _function,
    types.BuiltinFunctionType: _function,
    collections.defaultdict: _defaultdict,
    collections.Counter: _counter,
    collections.deque: _deque,
}


def _printer_for(obj):
    if obj is None or obj is True or obj is False or obj is Ellipsis or obj is NotImplemented:
        return _repr_lines
    for klass in type(obj).__mro__:
        if klass in _BY_TYPE:
            return _BY_TYPE[klass]
        if klass is not object and callable(vars(klass).get('__repr__')):
            return _repr_lines
    return _default
