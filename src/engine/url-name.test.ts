import { describe, expect, it } from 'vitest';
import { urlFileName } from './url-name';

describe('urlFileName', () => {
  it('decodes the last path segment', () => {
    expect(urlFileName(new URL('http://a.test/models/tutor%20test.gguf'))).toBe('tutor test.gguf');
  });

  it('keeps a malformed escape as written instead of throwing', () => {
    expect(urlFileName(new URL('http://a.test/x%E0%A4%A.gguf'))).toBe('x%E0%A4%A.gguf');
  });

  it('falls back to the path for a URL that ends in a slash', () => {
    expect(urlFileName(new URL('http://a.test/'))).toBe('/');
  });
});
