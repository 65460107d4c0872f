import { describe, expect, it } from 'vitest';
import { listModels } from '../../engine/models/catalog';
import { deviceCapabilities, modelFacts, probeSiteModels } from './default-model';

const BASE = 'http://app.test/';
const catalog = listModels();

describe('probeSiteModels', () => {
  it("asks only for the site's models, and takes one stored in the browser as there", async () => {
    const asked: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL) => {
      asked.push(String(input));
      return new Response('not found', { status: 404 });
    }) as typeof fetch;
    const stored = {
      'MathCoder-CL-7B-q4f32_1-MLC': { status: 'downloaded' as const, storedBytes: 1 },
    };
    const probes = await probeSiteModels(catalog, BASE, stored, fetchImpl);
    expect(probes.get('MathCoder-CL-7B-q4f32_1-MLC')).toBe('present');
    expect(probes.get('MathCoder-CL-7B-q4f16_1-MLC')).toBe('missing');
    expect(probes.has('Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC')).toBe(false);
    expect(asked.some((url) => url.includes('q4f32_1'))).toBe(false);
    expect(asked).toHaveLength(2);
  });
});

describe('modelFacts', () => {
  it('gives the notes and the default for the device the WebGPU check describes', () => {
    const gpu = { ok: false as const, error: { code: 'no-webgpu' as const, message: 'none' } };
    const device = deviceCapabilities(gpu, { deviceMemory: 4 });
    expect(device).toEqual({ webgpu: false, shaderF16: false, memoryGB: 4 });
    const { notes, best } = modelFacts(catalog, new Map(), device);
    expect(notes['Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC']).toMatch(
      /^cannot run here: needs WebGPU/,
    );
    expect(best?.backend).toBe('wllama');
  });
});
