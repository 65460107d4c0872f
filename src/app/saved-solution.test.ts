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

describe('fetchSolution, size before parse', () => {
  const solution = JSON.stringify({
    format: 'mathcoder-tutor/solution',
    version: 1,
    problem: 'What is 6 * 7?',
    blocks: [{ kind: 'text', text: 'Forty-two.' }],
  });

  /** An endless answer in 1 MB chunks, counting how many were read. */
  function endless(): { stream: ReadableStream<Uint8Array>; pulls: () => number } {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1_000_000).fill(32));
      },
    });
    return { stream, pulls: () => pulls };
  }

  it('refuses an answer whose length is over the limit without reading its body', async () => {
    const body = endless();
    vi.stubGlobal(
      'fetch',
      async () => new Response(body.stream, { headers: { 'content-length': '48000000' } }),
    );
    const error = (await fetchSolution('big.json', page).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'The saved solution big.json is 48.0 MB; this app opens saved solutions of at most 10.0 MB.',
    );
    expect(body.pulls()).toBeLessThanOrEqual(1);
  });

  it('stops an answer without a length at the first bytes over the limit', async () => {
    const body = endless();
    vi.stubGlobal('fetch', async () => new Response(body.stream));
    const error = (await fetchSolution('big.json', page).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(EngineError);
    expect(error.message).toBe(
      'The saved solution big.json is more than 10.0 MB; this app opens saved solutions of at most 10.0 MB.',
    );
    // Ten 1 MB chunks reach the limit, the eleventh passes it, and one more may be queued.
    expect(body.pulls()).toBeLessThanOrEqual(12);
  });

  it('opens an answer within the limit', async () => {
    vi.stubGlobal('fetch', async () => new Response(solution));
    const opened = await fetchSolution('s.json', page);
    expect(opened.label).toBe('s.json');
    expect(opened.solution.problem).toBe('What is 6 * 7?');
  });
});

describe('readSolutionFile', () => {
  it('refuses a file too large to read without reading it', async () => {
    const arrayBuffer = vi.fn(async () => new ArrayBuffer(0));
    const file = {
      name: 'traces.jsonl',
      size: 48_000_000,
      arrayBuffer,
    } as unknown as File;
    const error = await readSolutionFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toBe(
      'The file traces.jsonl is 48.0 MB; this app opens saved solutions of at most 10.0 MB.',
    );
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('reads and parses a file within the limit', async () => {
    const file = new File(
      [
        JSON.stringify({
          format: 'mathcoder-tutor/solution',
          version: 1,
          problem: 'Half of 1?',
          blocks: [{ kind: 'text', text: 'One half.' }],
        }),
      ],
      'half.json',
    );
    expect((await readSolutionFile(file)).solution.blocks).toEqual([
      { kind: 'text', text: 'One half.' },
    ]);
  });
});
