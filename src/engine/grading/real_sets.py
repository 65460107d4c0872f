"""The reals a relation chain, an interval or a union of them describes, solved by SymPy, as spans."""
import re

import sympy
from sympy import oo

from .latex import LatexError, to_sympy

RELATION_SPLIT = re.compile(r'(\\le |\\ge |\\ne |<|>|=)')
RELATIONS = {'\\le ': sympy.Le, '\\ge ': sympy.Ge, '\\ne ': sympy.Ne, '<': sympy.Lt, '>': sympy.Gt, '=': sympy.Eq}
OR_SPLIT = re.compile(r' or | OR |\\lor|\\cup')
AND_SPLIT = re.compile(r' and | AND |\\land|\\cap')


def _interval(text):
    if text[:1] not in '([' or text[-1:] not in ')]' or text.count(',') != 1:
        raise LatexError(f'not an interval: {text!r}')
    lo, hi = (to_sympy(t) for t in text[1:-1].split(','))
    return sympy.Interval(lo, hi, text[0] == '(', text[-1] == ')')


def real_set(text):
    """The reals a relation chain, an interval or a union of them describes, as spans [lo, hi, lo_in, hi_in]
    (None for an infinite end); None when it cannot be read or has more than one variable."""
    try:
        alternatives, symbols = [], set()
        for alternative in OR_SPLIT.split(text):
            conditions = []
            for part in (p.strip() for p in AND_SPLIT.split(alternative)):
                if RELATION_SPLIT.search(part):
                    pieces = RELATION_SPLIT.split(part)
                    sides = [to_sympy(p) for p in pieces[::2]]
                    conditions.append((sides, pieces[1::2]))
                    symbols |= set().union(*(side.free_symbols for side in sides))
                else:
                    conditions.append((_interval(part), None))
            alternatives.append(conditions)
        if len(symbols) > 1:
            return None
        variable = symbols.pop() if symbols else sympy.Symbol('x')
        union = sympy.S.EmptySet
        for conditions in alternatives:
            both = sympy.S.Reals
            for sides, ops in conditions:
                if ops is None:
                    both = both.intersect(sides)
                    continue
                for left, op, right in zip(sides, ops, sides[1:]):
                    both = both.intersect(sympy.solveset(RELATIONS[op](left, right), variable, sympy.S.Reals))
            union = union.union(both)
        return _spans(union)
    except (LatexError, TypeError, ValueError, ZeroDivisionError, AttributeError, RecursionError,
            NotImplementedError):
        return None


def _end(value):
    if value in (oo, -oo):
        return None
    return float(value)


def _spans(value):
    parts = value.args if isinstance(value, sympy.Union) else (value,)
    spans = []
    for part in parts:
        if part is sympy.S.EmptySet:
            continue
        if part is sympy.S.Reals:
            spans.append([None, None, False, False])
        elif isinstance(part, sympy.Interval):
            spans.append([_end(part.start), _end(part.end), not part.left_open, not part.right_open])
        elif isinstance(part, sympy.FiniteSet) and all(x.is_real for x in part):
            spans.extend([float(x), float(x), True, True] for x in part)
        else:
            return None
    return spans


# SymPy loads its solvers on first use, over a second on a slow device: that is paid here, under the install's
# generous limit, not by the first check of an inequality under a check's one second (it read as "unreadable").
real_set('x^2 > 4')
