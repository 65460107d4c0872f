"""A small LaTeX (or plain) formula reader for the grader: tokens, a recursive-descent parser, SymPy expressions."""
import sympy
from sympy import E, I, Integer, Rational, oo, pi

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
