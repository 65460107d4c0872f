import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineError } from '../engine/errors';
import { fetchSolution, readSolutionFile } from './saved-solution';

const page = new URL('http://app.test/tutor/');

afterEach(() => vi.unstubAllGlobals());

describe('fetchSolution', () => {
  it('calls a page served with 200 for a missing solution missing, never "HTTP 200"', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('<!doctype html>', {
          headers: { 'content-type': 'text/html' },
        }),
    );
    const error = (await fetchSolution('s.json', page).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'The saved solution /tutor/s.json is not on the server: it answered with a web page instead of the file.',
    );
  });
});

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
