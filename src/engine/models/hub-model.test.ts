import { describe, expect, it } from 'vitest';
import { parseHubModelName, quantizationOf } from './hub-model';

describe('model names as the ecosystem writes them', () => {
  it('reads owner/repo:QUANT, hf.co/owner/repo:QUANT and hub addresses', () => {
    const ref = { repo: 'bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF', tag: 'Q4_K_M' };
    for (const text of [
      'bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF:Q4_K_M',
      ' hf.co/bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF:Q4_K_M ',
      'https://huggingface.co/bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF:Q4_K_M',
      'https://huggingface.co/bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF/blob/main/Qwen2.5-Math-1.5B-Instruct-Q4_K_M.gguf',
      'https://huggingface.co/bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF/resolve/abc/Qwen2.5-Math-1.5B-Instruct-Q4_K_M.gguf?download=true',
    ]) {
      expect(parseHubModelName(text)).toEqual(ref);
    }
  });

  it('says what is missing from a name it cannot use', () => {
    expect(() => parseHubModelName('owner/repo')).toThrow(
      '"owner/repo" names no quantization: add one after a colon, as in owner/repo:Q4_0.',
    );
    expect(() => parseHubModelName('https://huggingface.co/owner/repo')).toThrow(
      'names no quantization',
    );
    expect(() => parseHubModelName('just words')).toThrow('is neither owner/repo:QUANT');
    expect(() => parseHubModelName('-a/b:Q4_0')).toThrow('does not name a hub repository');
  });

  it('finds the quantization in a file name, split sets and folders too', () => {
    expect(quantizationOf('MathCoder-CL-7B.Q4_0.gguf')).toBe('Q4_0');
    expect(quantizationOf('Qwen2.5-Math-1.5B-Instruct-Q4_K_M.gguf')).toBe('Q4_K_M');
    expect(quantizationOf('q4/model.iq3_m-00002-of-00003.gguf')).toBe('IQ3_M');
    expect(quantizationOf('model-f16.gguf')).toBe('F16');
    expect(quantizationOf('model.Q4_0_4_4.gguf')).toBe('Q4_0_4_4');
    expect(quantizationOf('tutor-test.gguf')).toBeNull();
  });
});
