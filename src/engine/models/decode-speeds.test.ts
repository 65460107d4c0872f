import { describe, expect, it } from 'vitest';
import { DecodeSpeeds, type SpeedStorage } from './decode-speeds';

function memoryStorage(initial: Record<string, string> = {}): SpeedStorage & {
  items: Record<string, string>;
} {
  const items = { ...initial };
  return {
    items,
    getItem: (k) => items[k] ?? null,
    setItem: (k, v) => {
      items[k] = v;
    },
  };
}

describe('DecodeSpeeds', () => {
  it('keeps each model’s speed per runtime across instances (a reload)', () => {
    const storage = memoryStorage();
    new DecodeSpeeds(storage).record('m', 'cpu', 0.3);
    new DecodeSpeeds(storage).record('m', 'webgpu', 12);
    const again = new DecodeSpeeds(storage);
    expect(again.get('m', 'cpu')).toBe(0.3);
    expect(again.get('m', 'webgpu')).toBe(12);
    expect(again.get('other', 'cpu')).toBeNull();
  });

  it('refuses to record what is not a speed', () => {
    const storage = memoryStorage();
    const speeds = new DecodeSpeeds(storage);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e9])
      speeds.record('m', 'cpu', bad);
    expect(storage.items).toEqual({});
  });

  it('validates what it reads back: corrupt entries are dropped, valid ones kept', () => {
    const stored = JSON.stringify({ 'a@cpu': 'fast', 'b@cpu': -2, 'c@cpu': 1.5, 'd@cpu': null });
    const speeds = new DecodeSpeeds(memoryStorage({ 'decode-speeds-v1': stored }));
    expect(speeds.get('a', 'cpu')).toBeNull();
    expect(speeds.get('b', 'cpu')).toBeNull();
    expect(speeds.get('c', 'cpu')).toBe(1.5);
    for (const text of ['not json', '[1,2]', '7', 'null']) {
      expect(
        new DecodeSpeeds(memoryStorage({ 'decode-speeds-v1': text })).get('c', 'cpu'),
      ).toBeNull();
    }
  });

  it('works without storage, and survives a storage that refuses writes', () => {
    const none = new DecodeSpeeds(null);
    none.record('m', 'cpu', 1);
    expect(none.get('m', 'cpu')).toBeNull();
    const full: SpeedStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => new DecodeSpeeds(full).record('m', 'cpu', 1)).not.toThrow();
  });
});
