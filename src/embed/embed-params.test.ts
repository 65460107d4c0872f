import { describe, expect, it } from 'vitest';
import { readEmbedParams, trustedHostOrigin } from './embed-params';

describe('readEmbedParams', () => {
  it('reads the options a host passes', () => {
    const params = readEmbedParams(
      '?problem=What%20is%202%2B2%3F&model=qwen&mode=solve&theme=dark&lang=en&hostOrigin=https%3A%2F%2Fschool.example',
    );
    expect(params).toEqual({
      problem: 'What is 2+2?',
      model: 'qwen',
      mode: 'solve',
      theme: 'dark',
      language: 'en',
      hostOrigin: 'https://school.example',
    });
  });

  it('reads the step-by-step and check-my-answer modes', () => {
    expect(readEmbedParams('?mode=step').mode).toBe('step');
    expect(readEmbedParams('?mode=check').mode).toBe('check');
  });

  it('falls back to what the tutor has for modes, themes and languages it lacks', () => {
    const params = readEmbedParams('?mode=quiz&theme=neon&lang=xx&hostOrigin=javascript:1');
    expect(params).toMatchObject({
      mode: 'solve',
      theme: 'auto',
      language: 'en',
      hostOrigin: null,
    });
  });
});

describe('trustedHostOrigin', () => {
  const host = 'https://school.example';

  it('trusts the declared origin when the deployment has no allowlist', () => {
    expect(trustedHostOrigin(host, [], null)).toBe(host);
    expect(trustedHostOrigin(host, [], [host])).toBe(host);
  });

  it('trusts no one when nothing is declared, the allowlist lacks it, or the real parent differs', () => {
    expect(trustedHostOrigin(null, [], null)).toBeNull();
    expect(trustedHostOrigin(host, ['https://other.example'], null)).toBeNull();
    expect(trustedHostOrigin(host, [], ['https://evil.example'])).toBeNull();
    expect(trustedHostOrigin(host, [host], [host])).toBe(host);
  });
});
