import { beforeEach, describe, expect, it, vi } from 'vitest';
import { testModel } from '../../engine/models/catalog';
import type { LanguageModel } from '../../engine/types';
import { useModelStore } from '../../ui/state/model-store';
import { ModelLoader } from './model-loader';

const loads: string[] = [];
vi.mock('../../engine/backends/load-model', () => ({
  loadModel: vi.fn(
    async (option: { id: string }, options: { onProgress: (p: unknown) => void }) => {
      loads.push(option.id);
      options.onProgress({ fraction: 0.5, text: 'Loading' });
      const model: LanguageModel = {
        id: option.id,
        label: 'Test',
        kind: 'live',
        runtime: 'fake engine',
        generate: async () => ({ finishReason: 'stop', stopSequence: null }),
        reset: async () => undefined,
        dispose: async () => undefined,
      };
      return model;
    },
  ),
}));

const option = testModel('http://app.test/test-models/tutor-test.gguf');
const initial = useModelStore.getState();
// The loader reports to the model store as the catalog wires it.
const view = {
  selectedId: () => useModelStore.getState().selectedId,
  showLoad: useModelStore.getState().setLoad,
};

describe('ModelLoader after a lost GPU', () => {
  beforeEach(() => {
    loads.length = 0;
    useModelStore.setState(initial, true);
    useModelStore.getState().setModels([], option.id);
  });

  it('says the model will be loaded again, and loads it again before the next solve with a message', async () => {
    const gpu = Promise.resolve({ ok: false } as never);
    const loader = new ModelLoader(
      'http://app.test/',
      gpu,
      (id) => (id === option.id ? option : undefined),
      view,
    );
    await loader.load();
    expect(loader.current()?.model.id).toBe(option.id);

    loader.lost({ code: 'device-lost', message: 'The GPU stopped responding.' });
    expect(loader.current()).toBeNull();
    const failed = useModelStore.getState().load;
    expect(failed).toEqual({
      status: 'failed',
      error: {
        code: 'device-lost',
        message:
          'The GPU stopped responding. It will be loaded again when you solve the next problem.',
      },
    });

    expect(loader.needsReload()).toBe(true);
    const texts: string[] = [];
    const unsubscribe = useModelStore.subscribe((s) => {
      if (s.load.status === 'loading') texts.push(s.load.text);
    });
    await loader.reloadIfLost();
    unsubscribe();
    expect(texts[0]).toBe(`The GPU was reset: loading ${option.label} again…`);
    expect(loads).toEqual([option.id, option.id]);
    expect(loader.current()?.model.id).toBe(option.id);
    expect(useModelStore.getState().load).toEqual({ status: 'ready', runtime: 'fake engine' });

    // Only once: a later solve does not load it again.
    expect(loader.needsReload()).toBe(false);
    await loader.reloadIfLost();
    expect(loads).toHaveLength(2);
  });

  it('does not reload a lost model once another is selected', async () => {
    const loader = new ModelLoader(
      'http://app.test/',
      Promise.resolve({ ok: false } as never),
      () => option,
      view,
    );
    await loader.load();
    loader.lost({ code: 'device-lost', message: 'Lost.' });
    useModelStore.getState().select('another');
    await loader.reloadIfLost();
    expect(loads).toEqual([option.id]);
  });
});
