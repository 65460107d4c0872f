"""Symbolic answer equivalence for the grader: a small LaTeX to SymPy reader and two comparison modes."""
import json
import random
import re

import sympy
from sympy import E, I, Integer, Rational, oo, pi

REL_TOL = 1e-4
REFERENCE_ABS_TOL = 1e-2

FUNCTIONS = {
    'sin': sympy.sin, 'cos': sympy.cos, 'tan': sympy.tan, 'cot': sympy.cot, 'sec': sympy.sec, 'csc': sympy.csc,
    'arcsin': sympy.asin, 'arccos': sympy.acos, 'arctan': sympy.atan, 'sinh': sympy.sinh, 'cosh': sympy.cosh,
    'tanh': sympy.tanh, 'ln': sympy.log, 'exp': sympy.exp, 'log': sympy.log,
}
CONSTANTS = {'pi': pi, 'infty': oo, 'infinity': oo, 'inf': oo}
TIMES = {'*', '\\cdot', '\\times', '\\ast'}
DIVIDES = {'/', '\\div'}
IGNORED = {'\\left', '\\right', '\\big', '\\Big', '\\bigl', '\\bigr', '\\displaystyle', '\\,', '\\;', '\\:', '\\!',
           '\\ ', '\\quad', '\\qquad', '\\limits'}
OPENERS = {'(': ')', '[': ']', '{': '}', '\\{': '\\}', '\\lfloor': '\\rfloor', '\\lceil': '\\rceil'}


class LatexError(ValueError):
    pass


def tokenize(text):
    tokens, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == '\\':
            j = i + 1
            while j < n and text[j].isalpha():
                j += 1
            if j == i + 1:
                j = min(i + 2, n)
            tokens.append(text[i:j])
            i = j
        elif c.isdigit() or (c == '.' and i + 1 < n and text[i + 1].isdigit()):
            j = i
            while j < n and (text[j].isdigit() or text[j] == '.'):
                j += 1
            tokens.append(text[i:j])
            i = j
        elif c.isalpha():
            j = i
            while j < n and text[j].isalpha():
                j += 1
            word = text[i:j]
            # Spelled-out functions stay whole; other letter runs are products of one-letter variables.
            tokens.extend([word] if word in FUNCTIONS or word in CONSTANTS or word == 'sqrt' else list(word))
            i = j
        elif text.startswith('**', i):
            tokens.append('^')
            i += 2
        else:
            tokens.append(c)
            i += 1
    return [t for t in tokens if t not in IGNORED]


class Parser:
    def __init__(self, text):
        self.tokens = tokenize(text)
        self.pos = 0

    def peek(self, offset=0):
        k = self.pos + offset
        return self.tokens[k] if k < len(self.tokens) else None

    def take(self, expected=None):
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise LatexError(f'expected {expected!r}, found {token!r}')
        self.pos += 1
        return token

    def parse(self):
        value = self.expr()
        if self.peek() is not None:
            raise LatexError(f'unexpected {self.peek()!r}')
        return value

    def expr(self):
        value = self.term()
        while self.peek() in ('+', '-', '\\pm'):
            op = self.take()
            right = self.term()
            value = value + right if op == '+' else value - right
        return value

    def term(self):
        value = self.unary()
        while True:
            token = self.peek()
            if token in TIMES:
                self.take()
                value = value * self.unary()
            elif token in DIVIDES:
                self.take()
                value = value / self.unary()
            elif self.starts_atom(token):
                value = value * self.power()
            else:
                return value

    def unary(self):
        if self.peek() == '-':
            self.take()
            return -self.unary()
        if self.peek() == '+':
            self.take()
            return self.unary()
        return self.power()

    def power(self):
        base = self.postfix()
        if self.peek() == '^':
            self.take()
            exponent = self.unary() if self.peek() in ('-', '+') else self.group_or_atom()
            return base ** exponent
        return base

    def postfix(self):
        value = self.atom()
        while self.peek() == '!':
            self.take()
            value = sympy.factorial(value)
        return value

    def starts_atom(self, token):
        if token is None:
            return False
        if token in OPENERS or token[0].isdigit() or token[0] == '.' or token.isalpha():
            return True
        return token.startswith('\\') and token[1:] in ATOM_COMMANDS

    def group(self):
        self.take('{')
        value = self.expr()
        self.take('}')
        return value

    def group_or_atom(self):
        token = self.peek()
        if token == '{':
            return self.group()
        return self.atom()

    def digit_or_group(self):
        # \frac12 and \sqrt3: one digit or letter stands for a braced argument.
        token = self.peek()
        if token is not None and token[0].isdigit() and len(token) > 1:
            self.tokens[self.pos] = token[1:]
            return Integer(token[0])
        return self.group_or_atom()

    @staticmethod
    def number(token):
        if token.count('.') > 1:
            raise LatexError(f'bad number {token!r}')
        return Rational(token) if '.' in token else Integer(token)

    def atom(self):
        token = self.take()
        if token[0].isdigit() or token[0] == '.':
            return self.number(token)
        if token in OPENERS:
            closer = OPENERS[token]
            value = self.expr()
            self.take(closer)
            if token == '\\lfloor':
                return sympy.floor(value)
            if token == '\\lceil':
                return sympy.ceiling(value)
            return value
        if token == '|':
            value = self.expr()
            self.take('|')
            return sympy.Abs(value)
        if token in CONSTANTS:
            return CONSTANTS[token]
        if token in FUNCTIONS:
            return self.function(token)
        if token == 'sqrt':
            return sympy.sqrt(self.atom())
        if token.isalpha():
            return self.symbol(token)
        if token.startswith('\\'):
            name = token[1:]
            handler = ATOM_COMMANDS.get(name)
            if handler is None:
                raise LatexError(f'unknown command {token}')
            return handler(self)
        raise LatexError(f'unexpected {token!r}')

    def symbol(self, name):
        if name == 'i':
            return I
        if name == 'e' and self.peek() != '_':
            return E
        if self.peek() == '_':
            self.take()
            sub = self.take()
            if sub == '{':
                parts = []
                while self.peek() != '}':
                    parts.append(self.take())
                self.take('}')
                sub = ''.join(parts)
            name = f'{name}_{sub}'
        return sympy.Symbol(name)

    def function(self, name):
        power = None
        base = None
        if name == 'log' and self.peek() == '_':
            self.take()
            base = self.group_or_atom()
        if self.peek() == '^':
            self.take()
            power = self.group_or_atom()
        argument = self.power() if self.peek() not in OPENERS else self.atom()
        value = FUNCTIONS[name](argument)
        if base is not None:
            value = sympy.log(argument, base)
        return value ** power if power is not None else value

    def frac(self):
        numerator = self.digit_or_group()
        denominator = self.digit_or_group()
        return numerator / denominator

    def sqrt(self):
        index = None
        if self.peek() == '[':
            self.take()
            index = self.expr()
            self.take(']')
        radicand = self.digit_or_group()
        return sympy.root(radicand, index) if index is not None else sympy.sqrt(radicand)

    def binom(self):
        return sympy.binomial(self.group_or_atom(), self.group_or_atom())

    def text(self):
        self.group_text()
        return Integer(1)

    def group_text(self):
        self.take('{')
        depth = 1
        while depth:
            token = self.take()
            depth += token == '{'
            depth -= token == '}'


def _command(name):
    return lambda parser: parser.function(name)


ATOM_COMMANDS = {
    'frac': Parser.frac, 'dfrac': Parser.frac, 'tfrac': Parser.frac, 'sqrt': Parser.sqrt, 'binom': Parser.binom,
    'pi': lambda p: pi, 'infty': lambda p: oo, 'infinity': lambda p: oo, 'e': lambda p: E,
    **{name: _command(name) for name in FUNCTIONS},
}


def to_sympy(text):
    """Reads a LaTeX (or plain) formula; raises LatexError when it cannot."""
    text = text.replace('\\\\', '\\').replace('\\dfrac', '\\frac').replace('\\tfrac', '\\frac')
    return Parser(text).parse()


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


def check_json(request):
    """Answers a JSON list of [mode, pred, gold] with a JSON list of verdicts (true, false or null); mode 'set' reads pred alone as spans."""
    verdicts = []
    for mode, pred, gold in json.loads(request):
        if mode == 'set':
            verdicts.append(real_set(pred))
        else:
            verdicts.append(reference_equal(pred, gold) if mode == 'reference' else equal(pred, gold))
    return json.dumps(verdicts)


# SymPy loads its solvers on first use, over a second on a slow device: that is paid here, under the install's
# generous limit, not by the first check of an inequality under a check's one second (it read as "unreadable").
real_set('x^2 > 4')
