import { describe, expect, it } from 'vitest';
import { readFileAnswer } from './file-answer';

const answer = (status: number, type: string) =>
  readFileAnswer(new Response(null, { status, headers: { 'content-type': type } }));

describe('readFileAnswer', () => {
  it('takes a 200 that is not a page for the file', () => {
    expect(answer(200, 'application/octet-stream')).toEqual({ kind: 'file' });
    expect(answer(206, 'application/json')).toEqual({ kind: 'file' });
  });

  it('calls a 200 web page (a single-page fallback) missing, without saying HTTP 200', () => {
    const read = answer(200, 'text/html; charset=utf-8');
    expect(read.kind).toBe('missing');
    if (read.kind === 'file') return;
    expect(read.words).toContain('answered with a web page instead of the file');
    expect(read.words).not.toMatch(/HTTP 200|\b200\b/);
  });

  it('says a 404 or 410 is not there, also when its body is a page', () => {
    expect(answer(404, 'text/html')).toEqual({
      kind: 'missing',
      words: 'is not on the server (HTTP 404)',
    });
    expect(answer(410, 'text/plain')).toMatchObject({ kind: 'missing' });
  });

  it('tells other refusals from a missing file', () => {
    expect(answer(403, 'text/plain')).toEqual({
      kind: 'failed',
      words: 'could not be downloaded: the server answered HTTP 403',
    });
    expect(answer(503, 'text/html')).toMatchObject({ kind: 'failed' });
  });
});
