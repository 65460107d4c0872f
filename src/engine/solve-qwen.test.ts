// The solve loop in Qwen2.5-Math's tool-integrated format, as its reference runs it, and other models' closing answers.
import { describe, expect, it } from 'vitest';
import { qwenTirFormat } from './formats/qwen-tir';
import { DUCKS_PROBLEM, FakeRunner, ScriptedModel, runSolve } from './test-doubles';

describe('solve with the Qwen tool-integrated format', () => {
  it('runs the python fence, feeds an output fence back and reads the boxed answer', async () => {
    const model = new ScriptedModel([
      { chunks: ['Let me compute.\n\n```py', 'thon\nprint(2 + 3)\n```\n', '```'] },
      { chunks: ['The answer is \\(\\boxed{5}\\).'], stopSequence: '<|im_end|>' },
    ]);
    const runner = new FakeRunner({ text: '5' });
    const { log, outcome } = runSolve({ model, runner, format: qwenTirFormat });
    expect(await outcome).toEqual({ status: 'finished', answer: '5' });
    expect(runner.calls.map((c) => c.code)).toEqual(['print(2 + 3)']);
    // The reference's max_tokens_per_call.
    expect(model.requests[0]?.maxTokens).toBe(2048);
    expect(model.requests[1]?.prompt).toBe(
      `${qwenTirFormat.buildPrompt(DUCKS_PROBLEM)}Let me compute.\n\n\`\`\`python\nprint(2 + 3)\n\`\`\`\n\`\`\`output\n5\n\`\`\`\n`,
    );
    expect(log.compact).toEqual([
      'start text',
      'delta',
      'end',
      'start code',
      'delta',
      'end',
      'start execution',
      'delta',
      'end (error=false, timedOut=false)',
      'start text',
      'delta',
      'end',
      'answer 5',
      'usage',
    ]);
  });
});

describe('solve with Qwen2.5-Math as its reference runs it', () => {
  const codeCall = (code: string) => ({
    chunks: [`Step.\n\n\`\`\`python\n${code}\n\`\`\`\n`],
    stopSequence: '```output',
  });

  it('feeds back what the program printed, not the last value Jupyter would show', async () => {
    const model = new ScriptedModel([
      codeCall('x = 2 + 3\nprint(x)\nx * 10'),
      { chunks: ['\\(\\boxed{5}\\)'], stopSequence: '<|im_end|>' },
    ]);
    const runner = new FakeRunner({ text: '5\n50', stream: '5\n' });
    const { outcome } = runSolve({ model, runner, format: qwenTirFormat });
    await outcome;
    expect(model.requests[1]?.prompt).toContain('```output\n5\n```');
  });

  it('feeds back only the last line of a traceback, and "Timeout Error" for a cell that ran too long', async () => {
    const model = new ScriptedModel([
      codeCall('print(1)\nundefined_name'),
      codeCall('while True: pass'),
      { chunks: ['\\(\\boxed{1}\\)'], stopSequence: '<|im_end|>' },
    ]);
    const answers = [
      {
        text: "1\nTraceback (most recent call last):\n  Cell In[1], line 2\nNameError: name 'undefined_name' is not defined",
        stream: '1\n',
        error: true,
      },
      { text: '', stream: '', error: true, timedOut: true },
    ];
    const runner = new FakeRunner(() => answers.shift()!);
    const { outcome } = runSolve({ model, runner, format: qwenTirFormat });
    await outcome;
    expect(model.requests[1]?.prompt).toMatch(
      /```output\nNameError: name 'undefined_name' is not defined\n```\n$/,
    );
    expect(model.requests[2]?.prompt).toMatch(/```output\nTimeout Error\n```\n$/);
  });

  it('stops after its 4 tool calls, and takes a Markdown rule for a stop', async () => {
    expect(qwenTirFormat.stop).toContain('\n\n---');
    const model = new ScriptedModel(Array.from({ length: 6 }, () => codeCall('print(1)')));
    const runner = new FakeRunner({ text: '1', stream: '1' });
    const { log, outcome } = runSolve({ model, runner, format: qwenTirFormat });
    expect((await outcome).status).toBe('capped');
    expect(model.requests).toHaveLength(4);
    expect(log.compact).toContain('notice block-count-cap');
  });
});

describe('solve reads the closing answer other models write', () => {
  it.each([
    ['Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.', '\\frac{3}{4}'],
    ['So the roots are \\(\\boxed{2}\\) and \\(\\boxed{3}\\).', '2, 3'],
    ['**Answer:** 42', '42'],
  ])('%s', async (closing, answer) => {
    const model = new ScriptedModel([{ chunks: [closing], stopSequence: '<|im_end|>' }]);
    const { outcome } = runSolve({ model, format: qwenTirFormat });
    expect(await outcome).toEqual({ status: 'finished', answer });
  });
});
