import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { parseSavedSolution, serializeSolution } from './saved-solution';

const RECORD = {
  id: '7',
  messages: [],
  debug_result: [
    { role: 'system', content: 'Below is a math problem. Please solve it step by step.' },
    {
      role: 'user',
      content:
        'A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts in total?\n',
    },
    { type: 'text', content: 'We add the two amounts.' },
    { type: 'code', content: 'blue = 2\r\nwhite = blue / 2\r\nblue + white' },
    { type: 'execution', content: '3.0' },
    { role: 'text', content: 'It takes \\(\\boxed{3}\\) bolts.' },
    { role: 'text', content: '3' },
  ],
  completion: '3',
};

const EXPECTED_BLOCKS = [
  { kind: 'text', text: 'We add the two amounts.' },
  { kind: 'code', text: 'blue = 2\nwhite = blue / 2\nblue + white' },
  { kind: 'text', text: 'It takes \\(\\boxed{3}\\) bolts.' },
  { kind: 'text', text: '3' },
];

function badSolution(text: string): EngineError {
  try {
    parseSavedSolution(text);
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

describe('parseSavedSolution', () => {
  it("reads MathCoder's recorded format, dropping executions (they are computed live)", () => {
    expect(parseSavedSolution(JSON.stringify(RECORD))).toEqual({
      format: 'mathcoder-tutor/solution',
      version: 1,
      problem:
        'A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts in total?',
      blocks: EXPECTED_BLOCKS,
    });
  });

  it('reads the first record of a JSONL file', () => {
    const other = {
      ...RECORD,
      debug_result: [
        { role: 'user', content: 'Second' },
        { type: 'text', content: 'x' },
      ],
    };
    const jsonl = `${JSON.stringify(RECORD)}\n${JSON.stringify(other)}\n`;
    expect(parseSavedSolution(jsonl).blocks).toEqual(EXPECTED_BLOCKS);
  });

  it("round-trips this app's own format", () => {
    const blocks = [
      { kind: 'text' as const, text: 'Compute.' },
      { kind: 'code' as const, text: '1 + 1' },
      { kind: 'execution' as const, text: '2' },
      { kind: 'text' as const, text: '\\boxed{2}' },
    ];
    const text = serializeSolution('What is 1 + 1?', blocks, 'MathCoder-CL-7B-q4f16_1-MLC');
    expect(parseSavedSolution(text)).toEqual({
      format: 'mathcoder-tutor/solution',
      version: 1,
      problem: 'What is 1 + 1?',
      model: 'MathCoder-CL-7B-q4f16_1-MLC',
      blocks,
    });
    expect(JSON.parse(serializeSolution('p', blocks))).not.toHaveProperty('model');
  });

  it('rejects what it cannot play back with bad-trace and a clear message', () => {
    expect(badSolution('   ').message).toBe('The file is empty.');
    expect(badSolution('hello').message).toMatch(/neither JSON nor JSON Lines/);
    expect(badSolution('[1, 2]').message).toMatch(/expected a JSON object/);
    expect(badSolution('{"a": 1}').message).toMatch(/mathcoder-tutor\/solution.*debug_result/);
    expect(badSolution('{"debug_result": [{"type": "text", "content": "x"}]}').message).toMatch(
      /no user message/,
    );
    expect(
      badSolution(
        '{"debug_result": [{"role": "user", "content": "p"}, {"type": "execution", "content": "1"}]}',
      ).message,
    ).toMatch(/no text or code blocks/);
    expect(badSolution('{"format": "mathcoder-tutor/solution", "version": 2}').message).toMatch(
      /version 2/,
    );
    expect(
      badSolution(
        '{"format": "mathcoder-tutor/solution", "version": 1, "problem": "p", "blocks": [{"kind": "image", "text": ""}]}',
      ).message,
    ).toMatch(/Block 1/);
    expect(badSolution('{"a": 1}').code).toBe('bad-trace');
  });
});

// The recorded traces live beside the repository (../shared/data, or MATHCODER_DATA); they are never copied in.
const dataDir = (import.meta.env.MATHCODER_DATA as string | undefined) ?? '../shared/data';
const debugTraces = `${dataDir}/mathcoder-traces/MathCoder-L-7B_GSM8K_debug20.jsonl`;
// Loaded by name because the app's tsconfig has browser types only; this test runs under Node.
const nodeFs: string = 'node:fs';
const { existsSync, readFileSync } = (await import(/* @vite-ignore */ nodeFs)) as {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
};

describe.skipIf(!existsSync(debugTraces))('parseSavedSolution on recorded MathCoder data', () => {
  it('reads the first line of MathCoder-L-7B_GSM8K_debug20.jsonl', () => {
    const firstLine = readFileSync(debugTraces, 'utf8').split('\n')[0] ?? '';
    const solution = parseSavedSolution(firstLine);
    expect(solution.problem).toMatch(/^Janet’s ducks lay 16 eggs per day\..*farmers' market\?$/);
    expect(solution.blocks.every((b) => b.kind !== 'execution')).toBe(true);
    expect(solution.blocks.at(-1)).toEqual({ kind: 'text', text: '18' });
  });

  it('refuses solutions too large to show, saying how large they are and what fits', () => {
    const own = (problem: string, texts: string[]) =>
      JSON.stringify({
        format: 'mathcoder-tutor/solution',
        version: 1,
        problem,
        blocks: texts.map((text) => ({ kind: 'text', text })),
      });
    const block = badSolution(own('What is 1 + 1?', ['fine', 'x'.repeat(1_200_000)]));
    expect(block.code).toBe('bad-trace');
    expect(block.message).toBe(
      'Block 2 of this saved solution holds 1.2 MB of text; this app opens blocks of at most 1.0 MB.',
    );
    const total = badSolution(
      own(
        'What is 1 + 1?',
        Array.from({ length: 6 }, () => 'y'.repeat(900_000)),
      ),
    );
    expect(total.message).toBe(
      'This saved solution holds 5.4 MB of text; this app opens solutions of at most 5.0 MB.',
    );
    expect(badSolution(own('z'.repeat(10_000_000), ['a'])).message).toMatch(
      /^The problem in this saved solution is 10\.0 MB long; this app opens problems of at most 100 KB\.$/,
    );
    const record = JSON.stringify({
      debug_result: [
        { role: 'user', content: 'Big?' },
        { type: 'text', content: 'w'.repeat(1_000_001) },
      ],
    });
    expect(badSolution(record).message).toMatch(/^Block 1 of this saved solution holds 1\.0 MB/);
    // Just under every limit opens.
    expect(
      parseSavedSolution(own('q'.repeat(100_000), ['b'.repeat(1_000_000)])).blocks,
    ).toHaveLength(1);
  });
});
