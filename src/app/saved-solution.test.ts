import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSolution } from './saved-solution';

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
