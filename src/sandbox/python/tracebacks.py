"""Tracebacks as a Jupyter (IPython 8, no colours) kernel prints them, so the model reads what it was trained on."""
import ast
import collections
import inspect
import linecache
import traceback

WIDTH = 75
HEADER = 'Traceback (most recent call last)'
CAUSE = '\nThe above exception was the direct cause of the following exception:\n'
CONTEXT = '\nDuring handling of the above exception, another exception occurred:\n'
GAP = None  # marks lines left out of a long piece
MAX_LINES_PER_PIECE = 6
REPEATS_TO_COLLAPSE = 5
CELL_PREFIX = 'Cell In['


def cell_filename(number):
    """The file name a cell is compiled under; IPython prints its frames as 'Cell In[n], line m'."""
    return f'{CELL_PREFIX}{number}]'


def format_exception(exc, skip_frames=0):
    """The whole text: a rule, then each chained exception (oldest first) with its frames and message."""
    chain = []  # (exception, frames to skip, message that follows it)
    seen = set()
    current, skip, joiner = exc, skip_frames, None
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, skip, joiner))
        if current.__cause__ is not None:
            current, joiner = current.__cause__, CAUSE
        elif current.__context__ is not None and not current.__suppress_context__:
            current, joiner = current.__context__, CONTEXT
        else:
            current = None
        skip = 0
    parts = ['-' * WIDTH]
    for error, skip, joiner in reversed(chain):
        parts.extend(_one_exception(error, skip, context=3 if joiner else 5))
        if joiner:
            parts.append(joiner)  # links this exception to the newer one printed next
    return '\n'.join(parts)


def format_syntax_error(error):
    """A cell that does not compile: IPython prints only where, the line and a caret."""
    lines = traceback.format_exception_only(type(error), error)
    if lines and lines[0].lstrip().startswith('File ') and error.filename:
        where = error.filename if error.filename.startswith(CELL_PREFIX) else f'File {error.filename}'
        lines[0] = f'  {where}, line {error.lineno}\n'
    return ''.join(lines).rstrip('\n')


def exception_line(error):
    name = type(error).__name__
    lines = [f'{name}: {_safe_str(error)}']
    notes = getattr(error, '__notes__', None)
    if isinstance(notes, (list, tuple)):
        lines.extend(_safe_str(note) for note in notes)
    return '\n'.join(lines)


def _safe_str(value):
    try:
        return str(value)
    except Exception:
        return f'<unprintable {type(value).__name__} object>'


def _one_exception(error, skip, context):
    if isinstance(error, SyntaxError) and not error.__traceback__:
        return [format_syntax_error(error)]
    name = type(error).__name__
    lines = [name + HEADER.rjust(WIDTH - len(name))]
    frames = [(frame, lineno) for frame, lineno in traceback.walk_tb(error.__traceback__)][skip:]
    frames = [(f, n) for f, n in frames if not f.f_locals.get('__tracebackhide__')]
    after = (context - 1) // 2
    before = context - 1 - after
    lines.extend(_frames_text(frames, before, after))
    if isinstance(error, SyntaxError) and error.filename:
        lines.append(format_syntax_error(error))
    else:
        lines.append(exception_line(error))
    return lines


def _frames_text(frames, before, after):
    keys = [(f.f_code, n) for f, n in frames]
    counts = collections.Counter(keys)
    out = []
    idx = 0
    while idx < len(frames):
        end = idx
        while end < len(frames) and counts[keys[end]] >= REPEATS_TO_COLLAPSE:
            end += 1
        if end - idx >= 3:
            # Deep recursion: first and last frame, and a count of what was skipped between.
            out.append(_frame_text(*frames[idx], before, after))
            skipped = collections.Counter(keys[idx + 1 : end - 1])
            for (code, lineno), times in skipped.items():
                out.append(f'    [... skipping similar frames: {code.co_name} at line {lineno} ({times} times)]\n')
            out.append(_frame_text(*frames[end - 1], before, after))
            idx = end
        else:
            out.append(_frame_text(*frames[idx], before, after))
            idx += 1
    return out


def _frame_text(frame, lineno, before, after):
    code = frame.f_code
    filename = code.co_filename
    if filename.startswith(CELL_PREFIX):
        where = f'{filename}, line {lineno}'
    else:
        where = f'File {filename}:{lineno}'
    qualname = getattr(code, 'co_qualname', code.co_name)
    if code.co_name != '<module>':
        where += f', in {qualname}{_arguments(frame)}'
    return where + '\n' + ''.join(_source_lines(frame, filename, lineno, before, after))


def _arguments(frame):
    try:
        info = inspect.getargvalues(frame)
        return inspect.formatargvalues(*info, formatvalue=lambda value: '')
    except Exception:
        return '()'


def _source_lines(frame, filename, lineno, before, after):
    source = linecache.getlines(filename, frame.f_globals)
    if not source or lineno is None or lineno > len(source):
        return []
    pieces = _scope_pieces(filename, source, frame.f_code, lineno)
    current = next((i for i, piece in enumerate(pieces) if lineno in piece), None)
    if current is None:
        shown = [range(lineno, lineno + 1)]
        current_piece = shown[0]
    else:
        shown = pieces[max(0, current - before) : current + 1 + after]
        current_piece = pieces[current]
    numbers = []
    for piece in shown:
        lines = list(piece)
        if piece != current_piece and len(lines) > MAX_LINES_PER_PIECE:
            lines = lines[:3] + [GAP] + lines[-2:]
        numbers.extend(lines)
    texts = [source[n - 1].rstrip('\r\n') for n in numbers if n is not GAP]
    indent = min((len(t) - len(t.lstrip()) for t in texts if t.strip()), default=0)
    out = []
    for n in numbers:
        if n is GAP:
            out.append('   (...)\n')
            continue
        text = source[n - 1].rstrip('\r\n')[indent:]
        if n == lineno:
            pad = 7 - len(str(n))
            arrow = '-' * (pad - 2) + '> ' if pad >= 2 else ('>' if pad == 1 else '')
            out.append(f'{arrow}{n} {text}\n')
        else:
            out.append(f'{n:>7} {text}\n')
    return out


_PIECES = {}


def _scope_pieces(filename, source, code, lineno):
    """Line ranges of statements (and of the lines between them) in the scope that holds the frame."""
    key = (filename, hash(''.join(source)))
    if key not in _PIECES:
        try:
            tree = ast.parse(''.join(source))
        except (SyntaxError, ValueError):
            tree = None
        _PIECES[key] = tree
    tree = _PIECES[key]
    if tree is None:
        return [range(n, n + 1) for n in range(1, len(source) + 1)]
    pieces = _clean(list(_split(tree, 1, len(source) + 1)), source)
    scope = _scope(tree, code, lineno)
    if scope is None:
        return pieces
    start, stop = _line_range(scope)
    return [p for p in pieces if start <= p.start and p.stop <= stop]


def _line_range(node):
    first = min([node.lineno] + [d.lineno for d in getattr(node, 'decorator_list', [])])
    return first, node.end_lineno + 1


def _split(node, start, end):
    for _name, body in ast.iter_fields(node):
        if not (isinstance(body, list) and body and isinstance(body[0], (ast.stmt, ast.ExceptHandler, ast.match_case))):
            continue
        groups = {}
        for child in body:
            groups.setdefault(_child_range(child), child)
        for (inner_start, inner_stop), child in sorted(groups.items()):
            for piece_start, piece_stop in _split(child, inner_start, inner_stop):
                if start < piece_start:
                    yield start, piece_start
                if piece_start < piece_stop:
                    yield piece_start, piece_stop
                start = piece_stop
    yield start, end


def _child_range(node):
    if isinstance(node, ast.match_case):
        return node.pattern.lineno, node.body[-1].end_lineno + 1
    if isinstance(node, ast.ExceptHandler):
        return node.lineno, node.end_lineno + 1
    return _line_range(node)


def _clean(raw, source):
    merged = []
    for start, stop in raw:
        if stop <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))  # statements sharing a line (a; b)
        else:
            merged.append((start, stop))

    def blank(n):
        return 0 < n <= len(source) and not source[n - 1].strip()

    pieces = []
    for start, stop in merged:
        while start < stop and blank(start):
            start += 1
        while stop > start and blank(stop - 1):
            stop -= 1
        if start < stop:
            pieces.append(range(start, stop))
    return pieces


def _scope(tree, code, lineno):
    if code.co_name == '<module>':
        return None
    best = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            name = '<lambda>' if isinstance(node, ast.Lambda) else node.name
            start, stop = _line_range(node)
            if name == code.co_name and start <= lineno < stop:
                if best is None or _line_range(best)[0] <= start:
                    best = node
    return best
