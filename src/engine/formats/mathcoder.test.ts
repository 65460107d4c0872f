import { describe, expect, it } from 'vitest';
import { mathcoderFormat } from './mathcoder';
import { parseChunks, randomSplit, seededRandom } from '../test-doubles';

const parser = () => mathcoderFormat.createParser();

const TRACE =
  "<|text|>To find how much Janet makes, compute the eggs left: \\(16 - 3 - 4\\).\n\nLet's compute it.<|endofblock|>" +
  '<|code|># Eggs left after breakfast and baking\neggs_left = 16 - 3 - 4\nif eggs_left < 10:\n    income = eggs_left * 2\nincome<|endofblock|>' +
  '<|execution|>18<|endofblock|>' +
  '<|text|>Janet makes \\(\\boxed{18}\\) dollars every day.<|endofblock|>' +
  '<|text|>18<|endofblock|><|endofmessage|>';

const EXPECTED = [
  {
    kind: 'text',
    text: "To find how much Janet makes, compute the eggs left: \\(16 - 3 - 4\\).\n\nLet's compute it.",
  },
  {
    kind: 'code',
    text: '# Eggs left after breakfast and baking\neggs_left = 16 - 3 - 4\nif eggs_left < 10:\n    income = eggs_left * 2\nincome',
  },
  { kind: 'text', text: 'Janet makes \\(\\boxed{18}\\) dollars every day.' },
  { kind: 'text', text: '18' },
];

describe('MathCoder special-token parser', () => {
  it('reads a whole trace into blocks and ignores a model-written execution', () => {
    const { blocks, notices, ended } = parseChunks(parser(), [TRACE]);
    expect(blocks).toEqual(EXPECTED);
    expect(ended).toBe(true);
    expect(notices).toEqual(['The model wrote its own execution output; it was ignored.']);
  });

  it('gives the same blocks whatever the chunk boundaries (seeded random splits)', () => {
    const random = seededRandom(20240611);
    for (let i = 0; i < 600; i++) {
      const chunks = randomSplit(TRACE, random, 1 + (i % 16));
      const { blocks, ended } = parseChunks(parser(), chunks);
      expect(blocks, `split ${i}: ${JSON.stringify(chunks)}`).toEqual(EXPECTED);
      expect(ended).toBe(true);
    }
  });

  it('never leaks part of a token split across chunks into a block', () => {
    const { blocks, events } = parseChunks(parser(), [
      '<|te',
      'xt|>Hello <',
      '|endof',
      'block|><',
      '|code|>x = 1<|',
      'endofblock|>',
    ]);
    expect(blocks).toEqual([
      { kind: 'text', text: 'Hello' },
      { kind: 'code', text: 'x = 1' },
    ]);
    const deltas = events.flatMap((e) => (e.type === 'block-delta' ? [e.text] : []));
    expect(deltas.join('')).not.toContain('<');
  });

  it('holds back a partial stop token at the end of a generation and reports it as dropped', () => {
    const p = parser();
    const { blocks, dropped } = parseChunks(p, ['<|text|>The answer is 4.<|endof'], {
      close: false,
    });
    expect(dropped).toBe('<|endof');
    expect(blocks).toEqual([]);
    expect(p.state.openKind).toBe('text');
    const closing = p.close();
    expect(closing).toEqual([{ type: 'block-end', kind: 'text', text: 'The answer is 4.' }]);
  });

  it('keeps comparison and shift operators', () => {
    const { blocks, dropped } = parseChunks(parser(), [
      '<|code|>a = 3 <',
      '5\nb = a<<2\nc = a <',
      '= b\nd = "<|x"',
    ]);
    expect(dropped).toBe('');
    expect(blocks).toEqual([{ kind: 'code', text: 'a = 3 <5\nb = a<<2\nc = a <= b\nd = "<|x"' }]);
  });

  it('shows text written before a block token as a text block, with a malformed-output notice', () => {
    const { blocks, notices } = parseChunks(parser(), [
      '  Sure! Here',
      ' goes.<|code|>print(1)<|endofblock|>',
    ]);
    expect(blocks).toEqual([
      { kind: 'text', text: 'Sure! Here goes.' },
      { kind: 'code', text: 'print(1)' },
    ]);
    expect(notices).toEqual(['The model wrote text outside a block; it is shown as text.']);
  });

  it('drops an unknown token with a notice instead of throwing', () => {
    const { blocks, notices } = parseChunks(parser(), ['<|text|>One <|thought|>two<|endofblock|>']);
    expect(blocks).toEqual([{ kind: 'text', text: 'One two' }]);
    expect(notices).toEqual(['The model wrote an unknown token <|thought|>; it was dropped.']);
  });

  it('closes a block cut off mid-stream without throwing', () => {
    const { blocks, ended } = parseChunks(parser(), ['<|code|>x = [1, 2,', '\n  3']);
    expect(blocks).toEqual([{ kind: 'code', text: 'x = [1, 2,\n  3' }]);
    expect(ended).toBe(false);
  });

  it('ends the message when the model starts a new turn', () => {
    const { blocks, notices, ended } = parseChunks(parser(), [
      '<|text|>Done.<|endofblock|><|user|><|text|>Another question',
    ]);
    expect(blocks).toEqual([{ kind: 'text', text: 'Done.' }]);
    expect(ended).toBe(true);
    expect(notices).toEqual(['The model began a new turn (<|user|>); its answer ends there.']);
  });

  it('notices a block opened inside another and treats </s> as the end', () => {
    const { blocks, notices, ended } = parseChunks(parser(), ['<|text|>a<|code|>b</s>ignored']);
    expect(blocks).toEqual([
      { kind: 'text', text: 'a' },
      { kind: 'code', text: 'b' },
    ]);
    expect(ended).toBe(true);
    expect(notices).toEqual(['A new block began before the previous one ended (<|code|>).']);
  });

  it('does not announce an empty block', () => {
    const p = parser();
    const { blocks } = parseChunks(p, ['<|text|>  \n<|endofblock|>']);
    expect(blocks).toEqual([]);
    expect(p.state).toEqual({ openKind: null, lastClosedKind: null });
  });

  it('never throws on random streams of tokens, fragments and text', () => {
    const random = seededRandom(99);
    const pieces = [
      '<|text|>',
      '<|code|>',
      '<|endofblock|>',
      '<|execution|>',
      '<|endofmessage|>',
      '<|foo|>',
      '<|',
      '<',
      '|>',
      'x < 1',
      ' ',
      '\n',
      'word',
      '</s>',
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
