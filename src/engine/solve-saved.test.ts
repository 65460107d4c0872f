// The solve loop driven by a saved solution: its blocks through each format's parser, its code run live.
import { describe, expect, it } from 'vitest';
import { createPlaybackModel } from './backends/playback';
import { mathcoderFormat } from './formats/mathcoder';
import { qwenTirFormat } from './formats/qwen-tir';
import type { SavedSolution } from './types';
import { FakeRunner, runSolve } from './test-doubles';

describe('solve with a played-back solution', () => {
  const solution: SavedSolution = {
    format: 'mathcoder-tutor/solution',
    version: 1,
    problem: 'What is 6 * 7?',
    blocks: [
      { kind: 'text', text: 'Multiply the numbers.' },
      { kind: 'code', text: 'a = 6\nif a < 7:\n    a * 7' },
      { kind: 'execution', text: 'recorded, not played back' },
      { kind: 'text', text: 'The product is \\(\\boxed{42}\\).' },
      { kind: 'text', text: '42' },
    ],
  };

  for (const format of [mathcoderFormat, qwenTirFormat]) {
    it(`plays back the recorded blocks through the ${format.id} parser and runs the code live`, async () => {
      const model = createPlaybackModel(solution, { format, tokensPerSecond: 0 });
      const runner = new FakeRunner({ text: '42' });
      const { log, outcome } = runSolve({ model, runner, format, problem: solution.problem });
      expect(await outcome).toEqual({ status: 'finished', answer: '42' });
      const expectedBlocks = solution.blocks.map((b) => [
        b.kind,
        b.kind === 'execution' ? '42' : b.text,
      ]);
      // Qwen's Markdown joins consecutive prose into one text block.
      const expected =
        format.id === 'qwen-tir'
          ? [...expectedBlocks.slice(0, 3), ['text', 'The product is \\(\\boxed{42}\\).\n\n42']]
          : expectedBlocks;
      expect(log.blocks.map((b) => [b.kind, b.text])).toEqual(expected);
      expect(runner.calls.map((c) => c.code)).toEqual(['a = 6\nif a < 7:\n    a * 7']);
    });
  }
});

// The recorded traces live beside the repository (../shared/data, or MATHCODER_DATA); they are never copied in.
const dataDir = (import.meta.env.MATHCODER_DATA as string | undefined) ?? '../shared/data';
const debugTraces = `${dataDir}/mathcoder-traces/MathCoder-L-7B_GSM8K_debug20.jsonl`;
// Loaded by name because the app's tsconfig has browser types only; this test runs under Node.
const nodeFs: string = 'node:fs';
const fs = (await import(/* @vite-ignore */ nodeFs)) as {
  existsSync(path: string): boolean;
  readFileSync(path: string, encoding: 'utf8'): string;
};

describe.skipIf(!fs.existsSync(debugTraces))(
  'solve playing back a recorded MathCoder trace',
  () => {
    it('reaches the recorded answer with each recorded execution played back by the runner', async () => {
      const { parseSavedSolution } = await import('./backends/saved-solution');
      const line = fs.readFileSync(debugTraces, 'utf8').split('\n')[0] ?? '';
      const recorded = (
        JSON.parse(line) as { debug_result: Array<{ type?: string; content: string }> }
      ).debug_result;
      const executions = recorded.filter((b) => b.type === 'execution').map((b) => b.content);
      const solution = parseSavedSolution(line);
      let cell = 0;
      const runner = new FakeRunner(() => ({ text: executions[cell++] ?? '' }));
      const { log, outcome } = runSolve({
        model: createPlaybackModel(solution, { format: mathcoderFormat, tokensPerSecond: 0 }),
        runner,
        problem: solution.problem,
      });
      expect(await outcome).toEqual({ status: 'finished', answer: '18' });
      expect(runner.calls).toHaveLength(executions.length);
      expect(log.blocks.map((b) => b.kind)).toEqual(
        recorded.filter((b) => b.type).map((b) => b.type),
      );
    });
  },
);
