import { describe, expect, it, vi } from 'vitest';
import { readConfig, sameOriginUrl, solveLimits, underTest } from './config';

describe('app config', () => {
  it('reads the playback address and the cell time limit', () => {
    expect(readConfig('?playback=/a.json&cellTimeoutMs=1500')).toEqual({
      playbackUrl: '/a.json',
      cellTimeoutMs: 1500,
      testModelUrl: null,
    });
    expect(readConfig('?testModel=/test-models/t.gguf').testModelUrl).toBe('/test-models/t.gguf');
    expect(readConfig('?cellTimeoutMs=abc').cellTimeoutMs).toBeUndefined();
    expect(readConfig('?maxTokensPerBlock=16').maxTokensPerBlock).toBe(16);
    expect(readConfig('?maxTokensPerBlock=-1').maxTokensPerBlock).toBeUndefined();
  });

  it('never lets the address lengthen the cell limit in a page no test drives (a link could lift it)', () => {
    expect(readConfig('?playback=/a.json&cellTimeoutMs=2147483647', false).cellTimeoutMs).toBe(
      6000,
    );
    expect(readConfig('?cellTimeoutMs=1e300', false).cellTimeoutMs).toBe(6000);
    expect(solveLimits(readConfig('?cellTimeoutMs=2147483647', false))).toEqual({
      cellTimeoutMs: 6000,
    });
    expect(readConfig('?cellTimeoutMs=1500', false).cellTimeoutMs).toBe(1500); // shorter is allowed
    expect(readConfig('?cellTimeoutMs=60000', true).cellTimeoutMs).toBe(60000); // under test automation
  });

  it('treats a page as under test only in the dev server or when driven by automation', () => {
    vi.stubEnv('DEV', false);
    vi.stubGlobal('navigator', { webdriver: false });
    expect(underTest()).toBe(false);
    expect(readConfig('?cellTimeoutMs=2147483647').cellTimeoutMs).toBe(6000);
    vi.stubGlobal('navigator', { webdriver: true });
    expect(underTest()).toBe(true);
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  });

  it('turns the address into solve limits, leaving the reference limits alone when none is given', () => {
    expect(solveLimits(readConfig(''))).toBeUndefined();
    expect(solveLimits(readConfig('?maxTokensPerBlock=16'))).toEqual({ maxTokensPerBlock: 16 });
    expect(solveLimits(readConfig('?cellTimeoutMs=900&maxTokensPerBlock=16.5'))).toEqual({
      cellTimeoutMs: 900,
      maxTokensPerBlock: 16,
    });
  });

  it("reads ?replay=, the playback parameter's earlier name", () => {
    expect(readConfig('?replay=/a.json').playbackUrl).toBe('/a.json');
    expect(readConfig('?playback=/b.json&replay=/a.json').playbackUrl).toBe('/b.json');
  });

  it('accepts only same-origin playback addresses', () => {
    const page = new URL('https://tutor.example/app/?playback=x');
    expect(sameOriginUrl('fixtures/a.json', page)?.href).toBe(
      'https://tutor.example/app/fixtures/a.json',
    );
    expect(sameOriginUrl('https://evil.example/a.json', page)).toBeNull();
    expect(sameOriginUrl('//evil.example/a.json', page)).toBeNull();
    expect(sameOriginUrl('javascript:alert(1)', page)).toBeNull();
  });
});
