import { describe, expect, it, vi } from 'vitest';
import { EngineError } from '../engine/errors';
import { readSolutionFile } from './saved-solution';

describe('readSolutionFile', () => {
  it('refuses a file too large to read without reading it', async () => {
    const text = vi.fn(async () => '');
    const file = {
      name: 'traces.jsonl',
      size: 60_000_000,
      text,
    } as unknown as File;
    const error = await readSolutionFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toBe(
      'The file traces.jsonl is 60.0 MB; this app opens saved solutions of at most 50.0 MB.',
    );
    expect(text).not.toHaveBeenCalled();
  });
});
