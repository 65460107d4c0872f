"""Symbolic answer equivalence for the grader: two comparison modes over formulas and equations, and the JSON door
the sandbox checker calls. The package's other modules: latex (the formula reader) and real_sets."""
import json
import random

import sympy

from .latex import LatexError, to_sympy
from .real_sets import real_set

REL_TOL = 1e-4
REFERENCE_ABS_TOL = 1e-2


def _numeric(value):
    try:
        number = complex(sympy.N(value, 30))
    except (TypeError, ValueError):
        return None
    return number


def _close(a, b, rel=REL_TOL, abs_tol=1e-9):
    return abs(a - b) <= max(rel * max(abs(a), abs(b)), abs_tol)


def _same_at_random_points(difference, symbols, a, b):
    rng = random.Random(7)
    tried = 0
    for _ in range(12):
        point = {s: sympy.Rational(rng.randint(-300, 300), rng.randint(7, 97)) for s in symbols}
        left, right = _numeric(a.subs(point)), _numeric(b.subs(point))
        if left is None or right is None or left != left or right != right:
            continue
        if abs(left) == float('inf') or abs(right) == float('inf'):
            continue
        tried += 1
        if not _close(left, right):
            return False
    return True if tried >= 3 else None


def _expressions_equal(a, b):
    if a == b:
        return True
    symbols = sorted((a - b).free_symbols | a.free_symbols | b.free_symbols, key=str)
    if not symbols:
        left, right = _numeric(a), _numeric(b)
        if left is None or right is None:
            return None
        return _close(left, right)
    verdict = _same_at_random_points(a - b, symbols, a, b)
    if verdict is not None:
        return verdict
    return sympy.simplify(a - b) == 0


def _equation_sides(text):
    if text.count('=') != 1:
        return None
    left, right = text.split('=')
    return to_sympy(left), to_sympy(right)


def _equations_equal(a, b):
    """Equations are equal when one side-difference is a non-zero constant multiple of the other (checked at points)."""
    da, db = a[0] - a[1], b[0] - b[1]
    if da == 0 or db == 0:
        return da == db
    symbols = sorted(da.free_symbols | db.free_symbols, key=str)
    rng = random.Random(11)
    ratios = []
    for _ in range(8):
        point = {s: sympy.Rational(rng.randint(-300, 300), rng.randint(7, 97)) for s in symbols}
        left, right = _numeric(da.subs(point)), _numeric(db.subs(point))
        if left is None or right is None or abs(right) < 1e-12:
            continue
        ratios.append(left / right)
    if len(ratios) < 3:
        return None
    return abs(ratios[0]) > 1e-12 and all(_close(r, ratios[0]) for r in ratios)


def equal(pred, gold):
    """True or False; None when either side cannot be read."""
    try:
        ea, eb = _equation_sides(pred), _equation_sides(gold)
        if ea and eb:
            verdict = _equations_equal(ea, eb)
            return None if verdict is None else bool(verdict)
        if ea or eb:
            return None
        verdict = _expressions_equal(to_sympy(pred), to_sympy(gold))
        return None if verdict is None else bool(verdict)
    except (LatexError, TypeError, ValueError, ZeroDivisionError, AttributeError, RecursionError):
        return None


def reference_equal(pred, gold):
    """MathCoder's reference rule: identical after parsing, or a numeric difference under 0.01."""
    try:
        a, b = to_sympy(gold), to_sympy(pred)
    except (LatexError, TypeError, ValueError, ZeroDivisionError, AttributeError, RecursionError):
        return None
    if a == b:
        return True
    difference = _numeric(a - b)
    return difference is not None and abs(difference) < REFERENCE_ABS_TOL


def check_json(request):
    """Answers a JSON list of [mode, pred, gold] with a JSON list of verdicts (true, false or null); mode 'set' reads pred alone as spans."""
    verdicts = []
    for mode, pred, gold in json.loads(request):
        if mode == 'set':
            verdicts.append(real_set(pred))
        else:
            verdicts.append(reference_equal(pred, gold) if mode == 'reference' else equal(pred, gold))
    return json.dumps(verdicts)
