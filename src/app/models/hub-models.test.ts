import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  writeTestModelFile,
  type TestModelFile,
} from '../../../scripts/test-model/test-model-file';
import { startStandInHub, type StandInHub } from '../../../scripts/servers/stand-in-hub';
import type { HubAddState } from '../../ui/state/model-store';
import { addHubModel, forgetHubModel, withHubModels } from './hub-models';

/** localStorage as a page has it. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (k) => items.get(k) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (k) => void items.delete(k),
    setItem: (k, v) => void items.set(k, v),
  };
}

let hub: StandInHub;
let model: TestModelFile;
beforeAll(async () => {
  model = writeTestModelFile();
  hub = await startStandInHub([
    { repo: 'someone/Tutor-GGUF', file: 'Tutor.Q8_0.gguf', path: model.path },
  ]);
});
afterAll(() => {
  hub.close();
  model.remove();
});

describe('models added from the hub by name', () => {
  it('resolves a pasted name, picks the format from the header, and keeps the model until forgotten', async () => {
    const storage = memoryStorage();
    const states: HubAddState[] = [];
    const added = await addHubModel(
      hub.hubUrl,
      ' hf.co/someone/Tutor-GGUF:q8_0 ',
      [],
      (s) => states.push(s),
      { storage },
    );
    expect(added).toMatchObject({
      id: 'hub-someone-tutor-gguf-q8_0',
      label: 'someone/Tutor-GGUF:q8_0 (MathCoder format, llama.cpp)',
      formatId: 'mathcoder',
      hubModel: { repo: 'someone/Tutor-GGUF', tag: 'q8_0' },
      hubUrl: hub.hubUrl,
      addedByUser: true,
    });
    expect(states.map((s) => s.status)).toEqual(['checking', 'added']);
    // The next visit offers it again.
    expect(withHubModels([], storage).map((m) => m.id)).toEqual([added!.id]);
    forgetHubModel(added!.id, storage);
    expect(withHubModels([], storage)).toEqual([]);
  });

  it('reports a name it cannot use, and keeps nothing', async () => {
    const storage = memoryStorage();
    const states: HubAddState[] = [];
    const added = await addHubModel(
      hub.hubUrl,
      'someone/Tutor-GGUF:Q2_K',
      [],
      (s) => states.push(s),
      {
        storage,
      },
    );
    expect(added).toBeNull();
    expect(states.at(-1)).toEqual({
      status: 'failed',
      name: 'someone/Tutor-GGUF:Q2_K',
      error: 'someone/Tutor-GGUF has no Q2_K file. It has these quantizations: Q8_0.',
    });
    expect(withHubModels([], storage)).toEqual([]);
  });
});
