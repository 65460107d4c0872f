import { describe, expect, it } from 'vitest';
import { isSandboxWorker, SANDBOX_WORKER_POLICY } from '../src/sandbox/worker-policy';
import { embedAllowlist, framingHeaders } from './frame-policy';

describe('framingHeaders', () => {
  it('refuses framing of the app and everything but the widget', () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/tutor/embed.html']) {
      expect(framingHeaders(path, '/', [])).toEqual({
        'Content-Security-Policy': "frame-ancestors 'none'",
        'X-Frame-Options': 'DENY',
      });
    }
  });

  it("gives the Python worker's script its policy, unless a bare host is being modelled", () => {
    for (const path of ['/assets/sandbox.worker-DadhqpZ8.js', '/src/sandbox/sandbox.worker.ts']) {
      const policy = framingHeaders(path, '/', [])['Content-Security-Policy'];
      expect(policy).toBe(`frame-ancestors 'none'; ${SANDBOX_WORKER_POLICY}`);
      expect(policy).not.toContain("'unsafe-eval'");
      expect(framingHeaders(path, '/', [], { sandboxPolicy: false })).toEqual({
        'Content-Security-Policy': "frame-ancestors 'none'",
        'X-Frame-Options': 'DENY',
      });
    }
    expect(isSandboxWorker('/assets/webllm.worker-CxfN5i-m.js')).toBe(false);
  });

  it('lets any site frame the widget, or only the allowed ones', () => {
    expect(framingHeaders('/embed.html', '/', [])['Content-Security-Policy']).toBe(
      'frame-ancestors *',
    );
    const allowed = framingHeaders('/tutor/embed.html', '/tutor/', ['https://a.example']);
    expect(allowed['Content-Security-Policy']).toBe('frame-ancestors https://a.example');
    expect(allowed['X-Frame-Options']).toBeUndefined();
  });

  it('lets other sites load the host library', () => {
    expect(framingHeaders('/embed.js', '/', [])).toEqual({
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
