import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Integrity, verifyPrecache } from './precache-integrity';

const PAGE = '<!doctype html><title>MathCoder Tutor</title>';
const integrityOf = (text: string) =>
  `sha256-${createHash('sha256').update(text).digest('base64')}`;

const plugin = verifyPrecache(
  [{ url: 'index.html', integrity: integrityOf(PAGE) }, { url: 'icons/icon.svg' }],
  'https://tutor.example/app/',
);
const use = (url: string, body: string) =>
  plugin.cachedResponseWillBeUsed!({
    cacheName: 'precache',
    request: new Request(url),
    cachedResponse: new Response(body, { headers: { 'Content-Type': 'text/html' } }),
  } as never);

describe('verifyPrecache', () => {
  it('computes the same integrity as the build', async () => {
    expect(await sha256Integrity(new TextEncoder().encode(PAGE).buffer)).toBe(integrityOf(PAGE));
  });

  it('serves a cached copy whose bytes match, headers and all', async () => {
    const served = await use('https://tutor.example/app/index.html?__WB_REVISION__=abc', PAGE);
    expect(await served!.text()).toBe(PAGE);
    expect(served!.headers.get('Content-Type')).toBe('text/html');
  });

  it('passes over a cached copy that was rewritten, so the network answers', async () => {
    const tampered = PAGE.replace('</title>', '</title><script>steal()</script>');
    expect(await use('https://tutor.example/app/index.html?__WB_REVISION__=abc', tampered)).toBe(
      null,
    );
  });

  it('leaves files the manifest gives no integrity for alone', async () => {
    const served = await use('https://tutor.example/app/icons/icon.svg', 'anything');
    expect(await served!.text()).toBe('anything');
  });
});
