import { describe, expect, it } from 'vitest';
import { readConfig, sameOriginUrl } from './config';

describe('app config', () => {
  it('reads the replay address and the cell time limit', () => {
    expect(readConfig('?replay=/a.json&cellTimeoutMs=1500')).toEqual({
      replayUrl: '/a.json',
      cellTimeoutMs: 1500,
      testModelUrl: null,
    });
    expect(readConfig('?testModel=/test-models/t.gguf').testModelUrl).toBe('/test-models/t.gguf');
    expect(readConfig('?cellTimeoutMs=abc').cellTimeoutMs).toBeUndefined();
  });

  it('accepts only same-origin replay addresses', () => {
    const page = new URL('https://tutor.example/app/?replay=x');
    expect(sameOriginUrl('fixtures/a.json', page)?.href).toBe(
      'https://tutor.example/app/fixtures/a.json',
    );
    expect(sameOriginUrl('https://evil.example/a.json', page)).toBeNull();
    expect(sameOriginUrl('//evil.example/a.json', page)).toBeNull();
    expect(sameOriginUrl('javascript:alert(1)', page)).toBeNull();
  });
});
