import { describe, expect, it } from 'vitest';
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
