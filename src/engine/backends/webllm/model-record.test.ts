import { deleteChatConfigInCache } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineError } from '../../errors';
import { findModel } from '../../models/catalog';
import type { ModelOption } from '../../models/catalog';
import { appConfigFor, modelRecordFor } from './model-record';

const BASE = 'https://example.org/tutor/';

function model(id: string): ModelOption {
  const found = findModel(id);
  if (!found) throw new Error(`no model ${id}`);
  return found;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('modelRecordFor', () => {
  it('points a self-hosted model at its folder and library under the page base URL', () => {
    const record = modelRecordFor(model('MathCoder-CL-7B-q4f16_1-MLC'), BASE);
    expect(record).toMatchObject({
      model_id: 'MathCoder-CL-7B-q4f16_1-MLC',
      model_lib:
        'https://example.org/tutor/models/MathCoder-CL-7B-q4f16_1-MLC/MathCoder-CL-7B-q4f16_1-webgpu.wasm',
      required_features: ['shader-f16'],
    });
    expect(appConfigFor(record)).toEqual({ model_list: [record], cacheBackend: 'cache' });
  });

  it('makes WebLLM read the files from the folder itself, not from a resolve/main/ sub-folder', async () => {
    const deleted: string[] = [];
    vi.stubGlobal('caches', {
      open: async () => ({
        delete: async (url: string) => {
          deleted.push(url);
          return true;
        },
      }),
    });
    const record = modelRecordFor(model('MathCoder-CL-7B-q4f32_1-MLC'), BASE);
    await deleteChatConfigInCache(record.model_id, appConfigFor(record));
    expect(deleted).toEqual([
      'https://example.org/tutor/models/MathCoder-CL-7B-q4f32_1-MLC/mlc-chat-config.json',
    ]);
  });

  it("uses WebLLM's prebuilt record for Qwen and adds the shader-f16 requirement it lacks", () => {
    const record = modelRecordFor(model('Qwen2.5-Math-1.5B-Instruct-q4f16_1-MLC'), BASE);
    expect(record.model).toBe(
      'https://huggingface.co/mlc-ai/Qwen2.5-Math-1.5B-Instruct-q4f16_1-MLC',
    );
    expect(record.required_features).toEqual(['shader-f16']);
    expect(
      modelRecordFor(model('Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC'), BASE).required_features,
    ).toEqual([]);
  });

  it('fails clearly for a model WebLLM has not prebuilt', () => {
    const unknown = { ...model('Qwen2.5-Math-1.5B-Instruct-q4f16_1-MLC'), id: 'Nope-MLC' };
    expect(() => modelRecordFor(unknown, BASE)).toThrow(EngineError);
  });
});
