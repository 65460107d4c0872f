import { describe, expect, it } from 'vitest';
import { qwenTirFormat } from './qwen-tir';
import { parseChunks, randomSplit, seededRandom } from '../test-doubles';

const parser = () => qwenTirFormat.createParser();

const TRACE =
  'To solve \\(x^2 - 5x + 6 = 0\\), we factor it with sympy.\n\n' +
  '```python\nfrom sympy import symbols, solve\n\nx = symbols("x")\nfor r in solve(x**2 - 5*x + 6, x):\n    print(r)\n```\n' +
  '```output\n2\n3\n```\n' +
  'The roots are \\(2\\) and \\(3\\), so their sum is \\(\\boxed{5}\\).\n\n' +
  '```latex\n2 + 3 = 5\n```\nDone.<|im_end|>';

const EXPECTED = [
  { kind: 'text', text: 'To solve \\(x^2 - 5x + 6 = 0\\), we factor it with sympy.' },
  {
    kind: 'code',
    text: 'from sympy import symbols, solve\n\nx = symbols("x")\nfor r in solve(x**2 - 5*x + 6, x):\n    print(r)',
  },
  {
    kind: 'text',
    text: 'The roots are \\(2\\) and \\(3\\), so their sum is \\(\\boxed{5}\\).\n\n```latex\n2 + 3 = 5\n```\nDone.',
  },
];

describe('Qwen tool-integrated Markdown parser', () => {
  it('reads prose, a python fence and a prose fence, ignoring a model-written output fence', () => {
    const { blocks, notices, ended } = parseChunks(parser(), [TRACE]);
    expect(blocks).toEqual(EXPECTED);
    expect(ended).toBe(true);
    expect(notices).toEqual(['The model wrote its own execution output; it was ignored.']);
  });

  it('gives the same blocks whatever the chunk boundaries (seeded random splits)', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 600; i++) {
      const chunks = randomSplit(TRACE, random, 1 + (i % 16));
      const { blocks, ended } = parseChunks(parser(), chunks);
      expect(blocks, `split ${i}: ${JSON.stringify(chunks)}`).toEqual(EXPECTED);
      expect(ended).toBe(true);
    }
  });

  it('never leaks part of a fence split across chunks', () => {
    const { blocks } = parseChunks(parser(), [
      'Compute.\n`',
      '`',
      '`py',
      'thon\nprint(1)\n`',
      '`',
      '`\nNext.',
    ]);
    expect(blocks).toEqual([
      { kind: 'text', text: 'Compute.' },
      { kind: 'code', text: 'print(1)' },
      { kind: 'text', text: 'Next.' },
    ]);
  });

  it('drops the start of the ```output stop that a backend streamed before recognising it', () => {
    const p = parser();
    const { blocks, dropped } = parseChunks(
      p,
      ['Let me check.\n```python\nx = 2\nprint(x)\n```\n', '```'],
      { close: false },
    );
    expect(dropped).toBe('```');
    expect(blocks).toEqual([
      { kind: 'text', text: 'Let me check.' },
      { kind: 'code', text: 'x = 2\nprint(x)' },
    ]);
    expect(p.state).toEqual({ openKind: null, lastClosedKind: 'code' });
    expect(qwenTirFormat.stopMeaning(null, p.state)).toBe('block');
  });

  it('treats code cut off by the ```output stop as a finished code block', () => {
    const p = parser();
    parseChunks(p, ['```python\nprint(7)\n'], { close: false });
    expect(p.state.openKind).toBe('code');
    expect(qwenTirFormat.stopMeaning('```output', p.state)).toBe('block');
    expect(p.close()).toEqual([{ type: 'block-end', kind: 'code', text: 'print(7)' }]);
  });

  it('keeps indentation and backticks inside code lines', () => {
    const { blocks } = parseChunks(parser(), [
      '```python\ndef f(x):\n    return f"`{x}`"\n  ',
      '  # indented comment\n```',
    ]);
    expect(blocks).toEqual([
      { kind: 'code', text: 'def f(x):\n    return f"`{x}`"\n    # indented comment' },
    ]);
  });

  it('reports an unknown token and a stream ending inside a fence line without throwing', () => {
    const { blocks, notices } = parseChunks(parser(), ['Think <|box_start|>hard.\n```pyth']);
    expect(blocks).toEqual([{ kind: 'text', text: 'Think hard.' }]);
    expect(notices).toEqual([
      'The model wrote an unknown token <|box_start|>; it was dropped.',
      'The model stopped in the middle of a code fence line.',
    ]);
  });

  it('closes a code block the stream ended in', () => {
    const { blocks, ended } = parseChunks(parser(), ['```python\nfor i in range(3):\n    print(i']);
    expect(blocks).toEqual([{ kind: 'code', text: 'for i in range(3):\n    print(i' }]);
    expect(ended).toBe(false);
  });

  it('ends the message at a new turn', () => {
    const { blocks, notices, ended } = parseChunks(parser(), [
      'The answer is \\(\\boxed{4}\\).<|im_start|>user\nMore',
    ]);
    expect(blocks).toEqual([{ kind: 'text', text: 'The answer is \\(\\boxed{4}\\).' }]);
    expect(ended).toBe(true);
    expect(notices).toEqual(['The model began a new turn (<|im_start|>); its answer ends there.']);
  });

  it('never throws on random streams of fences, tokens and text', () => {
    const random = seededRandom(5);
    const pieces = [
      '```python\n',
      '```\n',
      '```output\n',
      '```latex\n',
      '`',
      '``',
      '<|im_end|>',
      '<|',
      '<',
      '\n',
      '  ',
      'x = 1',
      'word',
    ];
    for (let i = 0; i < 300; i++) {
      const stream = Array.from(
        { length: 12 },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      expect(() => parseChunks(parser(), randomSplit(stream, random, 6)), stream).not.toThrow();
    }
  });
});
