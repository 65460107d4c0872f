import { describe, expect, it } from 'vitest';
import { isSandboxWorker, SANDBOX_WORKER_POLICY } from '../../src/sandbox/worker-policy';
import { embedAllowlist, framingHeaders } from './frame-policy';
import { HARDENING_HEADERS, pagePolicy } from './page-policy';

const THEME = "'sha256-abc='";

describe('framingHeaders', () => {
  it('refuses framing of the app and everything but the widget', () => {
    for (const path of ['/assets/app.js', '/tutor/embed.html', '/embed-demo.html']) {
      expect(framingHeaders(path, '/', [])).toEqual({
        ...HARDENING_HEADERS,
        'Content-Security-Policy': "frame-ancestors 'none'",
        'X-Frame-Options': 'DENY',
      });
    }
  });

  it("gives the app's page its script policy, with the inline script's hash and no framing", () => {
    for (const [path, base] of [
      ['/', '/'],
      ['/index.html', '/'],
      ['/tutor/', '/tutor/'],
    ] as const) {
      const headers = framingHeaders(path, base, [], { scriptHashes: [THEME] });
      expect(headers).toEqual({
        ...HARDENING_HEADERS,
        'Content-Security-Policy': pagePolicy({ scriptHashes: [THEME], frameAncestors: "'none'" }),
        'X-Frame-Options': 'DENY',
      });
      const policy = headers['Content-Security-Policy'];
      expect(policy).toContain(`script-src 'self' 'wasm-unsafe-eval' ${THEME};`);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    }
  });

  it("gives the Python worker's script its policy, unless a bare host is being modelled", () => {
    for (const path of ['/assets/sandbox.worker-DadhqpZ8.js', '/src/sandbox/sandbox.worker.ts']) {
      const policy = framingHeaders(path, '/', [])['Content-Security-Policy'];
      expect(policy).toBe(`frame-ancestors 'none'; ${SANDBOX_WORKER_POLICY}`);
      expect(policy).not.toContain("'unsafe-eval'");
      expect(framingHeaders(path, '/', [], { sandboxPolicy: false })).toEqual({
        ...HARDENING_HEADERS,
        'Content-Security-Policy': "frame-ancestors 'none'",
        'X-Frame-Options': 'DENY',
      });
    }
    expect(isSandboxWorker('/assets/webllm.worker-CxfN5i-m.js')).toBe(false);
  });

  it('lets any site frame the widget, or only the allowed ones', () => {
    expect(framingHeaders('/embed.html', '/', [])['Content-Security-Policy']).toBe(
      pagePolicy({ scriptHashes: [], frameAncestors: '*' }),
    );
    const allowed = framingHeaders('/tutor/embed.html', '/tutor/', ['https://a.example']);
    expect(allowed['Content-Security-Policy']).toMatch(
      /^default-src 'self'; .*; frame-ancestors https:\/\/a\.example$/,
    );
    expect(allowed['X-Frame-Options']).toBeUndefined();
  });

  it('lets other sites load the host library', () => {
    expect(framingHeaders('/embed.js', '/', [])).toEqual({
      ...HARDENING_HEADERS,
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    expect(framingHeaders('/embed.mjs', '/', [])['Access-Control-Allow-Origin']).toBe('*');
  });

  it('keeps only origins from the allowlist variable', () => {
    expect(
      embedAllowlist("https://a.example 'self' https://b.example:8080/x, http://c.test"),
    ).toEqual(['https://a.example', 'http://c.test']);
  });
});
