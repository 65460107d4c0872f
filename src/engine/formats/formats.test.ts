import { describe, expect, it } from 'vitest';
import { getFormat } from './get-format';
import { mathcoderFormat } from './mathcoder';
import { qwenTirFormat } from './qwen-tir';

describe('MathCoder format', () => {
  it('builds the prompt of the recorded runs: BOS, the paper system prompt, the question as given, no newline', () => {
    expect(mathcoderFormat.buildPrompt('What is 2 + 2?')).toBe(
      '<s><|system|><|text|>Below is a math problem. Please solve it step by step.<|endofblock|><|endofmessage|>' +
        '<|user|><|text|>What is 2 + 2?<|endofblock|><|endofmessage|><|assistant|>',
    );
    // As the recordings keep the dataset's questions: nothing trimmed, nothing added.
    expect(mathcoderFormat.buildPrompt(' x = 1 ')).toContain('<|text|> x = 1 <|endofblock|>');
  });

  it('stops on the end of a block, the end of the message and </s>', () => {
    expect(mathcoderFormat.stop).toEqual(['<|endofblock|>', '<|endofmessage|>', '</s>']);
  });

  it('feeds executions back, writing empty output as <empty_execution>', () => {
    expect(mathcoderFormat.renderExecution('18')).toBe('<|execution|>18<|endofblock|>');
    expect(mathcoderFormat.renderExecution('')).toBe(
      '<|execution|><empty_execution><|endofblock|>',
    );
  });

  it('appends a generated block with its long decimals rounded, and runs the rounded code', () => {
    expect(mathcoderFormat.continuation('<|code|>r = 0.123456789 * 2.5\nr')).toBe(
      '<|code|>r = 0.123457 * 2.5\nr<|endofblock|>',
    );
    expect(mathcoderFormat.codeToRun('x = 3.14159265')).toBe('x = 3.141593');
  });

  it('reads a stop: the end of a block continues, anything else ends; unknown stops are inferred from the open block', () => {
    const open = { openKind: 'code' as const, lastClosedKind: null };
    const closed = { openKind: null, lastClosedKind: 'text' as const };
    expect(mathcoderFormat.stopMeaning('<|endofblock|>', closed)).toBe('block');
    expect(mathcoderFormat.stopMeaning('<|endofmessage|>', open)).toBe('end');
    expect(mathcoderFormat.stopMeaning('</s>', open)).toBe('end');
    expect(mathcoderFormat.stopMeaning(null, open)).toBe('block');
    expect(mathcoderFormat.stopMeaning(null, closed)).toBe('end');
  });

  it('renders recorded blocks as the model writes them', () => {
    expect(mathcoderFormat.renderModelBlock('code', 'x')).toBe('<|code|>x<|endofblock|>');
    expect(mathcoderFormat.renderModelBlock('text', 'Hi')).toBe('<|text|>Hi<|endofblock|>');
  });
});

describe('Qwen2.5-Math tool-integrated format', () => {
  it('builds the ChatML prompt with the tool-integrated system prompt', () => {
    expect(qwenTirFormat.buildPrompt('Find x.')).toBe(
      '<|im_start|>system\nPlease integrate natural language reasoning with programs to solve the problem above, ' +
        'and put your final answer within \\boxed{}.<|im_end|>\n<|im_start|>user\nFind x.<|im_end|>\n<|im_start|>assistant\n',
    );
  });

  it('stops on ```output and <|im_end|>, and feeds output back as an output fence after the trimmed generation', () => {
    expect(qwenTirFormat.stop).toContain('```output');
    expect(qwenTirFormat.stop).toContain('<|im_end|>');
    expect(qwenTirFormat.continuation('Compute.\n```python\nprint(2)\n```\n')).toBe(
      'Compute.\n```python\nprint(2)\n```',
    );
    expect(qwenTirFormat.renderExecution('2')).toBe('\n```output\n2\n```\n');
    expect(qwenTirFormat.codeToRun('x = 0.1234567')).toBe('x = 0.1234567');
  });

  it('runs code only when the generation ended right after a code block', () => {
    const afterCode = { openKind: null, lastClosedKind: 'code' as const };
    const inText = { openKind: 'text' as const, lastClosedKind: null };
    expect(qwenTirFormat.stopMeaning('```output', afterCode)).toBe('block');
    expect(qwenTirFormat.stopMeaning(null, afterCode)).toBe('block');
    expect(qwenTirFormat.stopMeaning('```output', inText)).toBe('end');
    expect(qwenTirFormat.stopMeaning('<|im_end|>', afterCode)).toBe('end');
    expect(qwenTirFormat.stopMeaning(null, inText)).toBe('end');
  });
});

describe('getFormat', () => {
  it('returns each format by id', () => {
    expect(getFormat('mathcoder')).toBe(mathcoderFormat);
    expect(getFormat('qwen-tir')).toBe(qwenTirFormat);
  });
});
