import { describe, expect, it } from 'vitest';
import { capExecutionOutput, MAX_EXECUTION_CHARS } from './execution-output';

describe('capExecutionOutput', () => {
  it('leaves short output alone', () => {
    expect(capExecutionOutput('42')).toEqual({ text: '42', cutChars: 0 });
  });

  it('keeps the head and tail of long output within the cap and says how much was cut', () => {
    const long = `${'a'.repeat(6000)}Traceback: ValueError${'b'.repeat(9000)}`;
    const { text, cutChars } = capExecutionOutput(long);
    expect(text.length).toBeLessThanOrEqual(MAX_EXECUTION_CHARS);
    expect(text.startsWith('aaaa')).toBe(true);
    expect(text.endsWith('bbbb')).toBe(true);
    expect(text).toContain(`[... ${cutChars} characters of output cut ...]`);
    const marker = `\n[... ${cutChars} characters of output cut ...]\n`;
    expect(text.length - marker.length + cutChars).toBe(long.length);
  });
});
