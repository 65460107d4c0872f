import { describe, expect, it } from 'vitest';
import { webllmProgress } from './progress-text';

describe('webllmProgress', () => {
  it('reports a download in MB and percent', () => {
    const text =
      'Fetching param cache[12/108]: 512MB fetched. 25% completed, 30 secs elapsed. It can take a while when we first visit this page to populate the cache. Later refreshes will become faster.';
    expect(webllmProgress({ progress: 0.25, text }, 'MathCoder')).toEqual({
      fraction: 0.25,
      text: 'Downloading MathCoder: 536.9 MB of 2147.5 MB (25%), shard 12 of 108',
    });
  });

  it('says a stored model is being loaded, and when it is ready', () => {
    const text = 'Loading model from cache[3/108]: 100MB loaded. 50% completed, 3 secs elapsed.';
    expect(webllmProgress({ progress: 0.5, text }, 'M').text).toBe(
      'Loading M from browser storage onto the GPU: 104.9 MB of 209.7 MB (50%), shard 3 of 108',
    );
    expect(webllmProgress({ progress: 1, text: 'Finish loading on WebGPU - google' }, 'M')).toEqual(
      {
        fraction: 1,
        text: 'M is ready.',
      },
    );
  });

  it('passes other messages through', () => {
    expect(webllmProgress({ progress: 0, text: 'Start to fetch params' }, 'M')).toEqual({
      fraction: null,
      text: 'Start to fetch params',
    });
  });
});
