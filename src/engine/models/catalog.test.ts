import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import {
  chooseVariant,
  defaultModel,
  findModel,
  listModels,
  modelDir,
  onHub,
  testModel,
} from './catalog';
import type { HubRepoModel, ModelOption, SiteModel } from './catalog';

function model(id: string): ModelOption {
  const found = findModel(id);
  if (!found) throw new Error(`no model ${id}`);
  return found;
}

function hubRepo(option: ModelOption | undefined): HubRepoModel {
  if (option?.source !== 'hub' || !option.hubModel) throw new Error('not a hub repository model');
  return option;
}

function site(option: ModelOption): SiteModel {
  if (option.source !== 'site') throw new Error(`${option.id} is not on this site`);
  return option;
}

describe('model catalog', () => {
  it('offers MathCoder from the hub as published (the default), self-hosted builds, and Qwen2.5-Math in both', () => {
    expect(listModels().map((m) => [m.id, m.formatId, m.source === 'site'])).toEqual([
      ['MathCoder-L-7B-Q4_0-hub', 'mathcoder', false],
      ['MathCoder-CL-7B-Q4_0-hub', 'mathcoder', false],
      ['MathCoder-CL-7B-q4f16_1-MLC', 'mathcoder', true],
      ['MathCoder-CL-7B-q4f32_1-MLC', 'mathcoder', true],
      ['MathCoder-L-7B-Q4_0-GGUF', 'mathcoder', true],
      ['Qwen2.5-Math-1.5B-Instruct-q4f16_1-MLC', 'qwen-tir', false],
      ['Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC', 'qwen-tir', false],
      ['Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub', 'qwen-tir', false],
    ]);
    // The provisional choice is one that exists for every visitor: no hosting, no WebGPU feature needed.
    expect(defaultModel().id).toBe('MathCoder-L-7B-Q4_0-hub');
    expect(defaultModel().requiredFeatures).toEqual([]);
  });

  it('labels each built-in model with its reported accuracy and the source', () => {
    expect(model('MathCoder-L-7B-Q4_0-hub').reported).toBe(
      'MATH 23.3, GSM8K 64.2 (MathCoder paper)',
    );
    expect(model('MathCoder-CL-7B-Q4_0-hub').reported).toBe(
      'MATH 30.2, GSM8K 67.8 (MathCoder paper)',
    );
    expect(model('Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub').reported).toBe(
      'MATH 79.7 with tools (Qwen2.5-Math report)',
    );
    expect(listModels().every((m) => m.reported)).toBe(true);
  });

  it('offers Qwen2.5-Math 1.5B as a GGUF on llama.cpp, the small rung a CPU can run', () => {
    expect(model('Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub')).toMatchObject({
      backend: 'wllama',
      formatId: 'qwen-tir',
      source: 'hub',
      hubModel: { repo: 'bartowski/Qwen2.5-Math-1.5B-Instruct-GGUF', tag: 'Q4_K_M' },
      requiredFeatures: [],
    });
  });

  it('names each hub model by repository and quantization, and a mirror serves the same model', () => {
    const l = hubRepo(model('MathCoder-L-7B-Q4_0-hub'));
    expect(l).toMatchObject({ backend: 'wllama', source: 'hub' });
    expect('ggufParts' in l, 'a hub model is one download, not parts').toBe(false);
    expect(l.hubModel).toEqual({
      repo: 'RichardErkhov/MathLLMs_-_MathCoder-L-7B-gguf',
      tag: 'Q4_0',
    });
    expect(l.hubUrl).toBe('https://huggingface.co');
    expect(hubRepo(model('MathCoder-CL-7B-Q4_0-hub')).hubModel).toEqual({
      repo: 'RichardErkhov/MathLLMs_-_MathCoder-CL-7B-gguf',
      tag: 'Q4_0',
    });
    const mirrored = listModels('https://school.example/hf/').find((m) => m.id === l.id);
    expect(hubRepo(mirrored).hubUrl).toBe('https://school.example/hf/');
    expect(hubRepo(onHub(l, 'http://10.0.0.5:8080')).hubUrl).toBe('http://10.0.0.5:8080');
  });

  it('offers MathCoder as GGUF on llama.cpp, and a test model only when asked, under its own name', () => {
    const gguf = site(model('MathCoder-L-7B-Q4_0-GGUF'));
    expect(gguf).toMatchObject({ backend: 'wllama', formatId: 'mathcoder', requiredFeatures: [] });
    // A 512 MB split of the public Q4_0: eight parts, named after the first.
    expect(gguf.ggufParts?.at(-1)?.file).toBe('MathCoder-L-7B.Q4_0-00008-of-00008.gguf');
    expect(chooseVariant(gguf, { shaderF16: false }).id).toBe(gguf.id);
    expect(listModels().some((m) => m.source === 'test')).toBe(false);
    const test = testModel('https://example.org/test-models/tutor-test.gguf');
    expect(test.label).toBe('Test model, not MathCoder (tutor-test.gguf)');
    expect(test.label).not.toMatch(/^MathCoder/);
    expect(test.ggufParts).toEqual([{ file: 'https://example.org/test-models/tutor-test.gguf' }]);
  });

  it('lists only Qwen models that WebLLM has prebuilt', () => {
    const prebuilt = new Set(prebuiltAppConfig.model_list.map((r) => r.model_id));
    for (const model of listModels().filter((m) => m.backend === 'webllm' && m.source === 'webllm'))
      expect(prebuilt.has(model.id), model.id).toBe(true);
  });

  it('picks the f32 sibling when shader-f16 is missing', () => {
    const f16 = model('MathCoder-CL-7B-q4f16_1-MLC');
    expect(chooseVariant(f16, { shaderF16: true }).id).toBe(f16.id);
    expect(chooseVariant(f16, { shaderF16: false }).id).toBe('MathCoder-CL-7B-q4f32_1-MLC');
    expect(
      chooseVariant(model('Qwen2.5-Math-1.5B-Instruct-q4f16_1-MLC'), { shaderF16: false }).id,
    ).toBe('Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC');
    expect(chooseVariant(model('MathCoder-CL-7B-q4f32_1-MLC'), { shaderF16: false }).id).toBe(
      'MathCoder-CL-7B-q4f32_1-MLC',
    );
  });

  it('serves self-hosted models from an absolute folder under the page base URL', () => {
    expect(modelDir(site(model('MathCoder-CL-7B-q4f16_1-MLC')), 'https://example.org/tutor/')).toBe(
      'https://example.org/tutor/models/MathCoder-CL-7B-q4f16_1-MLC/',
    );
  });

  it('hands out copies, so callers cannot change the catalog', () => {
    const first = hubRepo(listModels()[0]);
    first.requiredFeatures.push('x');
    first.hubModel!.repo = 'someone/else';
    expect(defaultModel().requiredFeatures).toEqual([]);
    expect(hubRepo(defaultModel()).hubModel.repo).toBe(
      'RichardErkhov/MathLLMs_-_MathCoder-L-7B-gguf',
    );
  });
});
