import { describe, expect, it } from 'vitest';
import { listModels } from '../../engine/models/catalog';
import { DecodeSpeeds } from '../../engine/models/decode-speeds';
import { deviceCapabilities, modelFacts, modelsHere, probeSiteModels } from './default-model';

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
    const device = deviceCapabilities(
      gpu,
      { deviceMemory: 4, hardwareConcurrency: 4 },
      { quota: 10e9, usage: 4e9 },
    );
    expect(device).toEqual({
      webgpu: false,
      shaderF16: false,
      memoryGB: 4,
      cores: 4,
      storageFreeMB: 6000,
    });
    const { notes, best } = modelFacts(catalog, new Map(), device);
    expect(notes['Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC']).toMatch(
      /^cannot run here: needs WebGPU/,
    );
    expect(notes['Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub']).toBe('fits');
    expect(best?.id).toBe('Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub');
  });

  it('reads no figures where the browser gives none', () => {
    const gpu = { ok: false as const, error: { code: 'no-webgpu' as const, message: 'none' } };
    expect(deviceCapabilities(gpu, { deviceMemory: 'lots', hardwareConcurrency: 0 })).toEqual({
      webgpu: false,
      shaderF16: false,
      memoryGB: null,
      cores: null,
      storageFreeMB: null,
    });
  });

  it('shows the expected time beside a model whose speed was measured here, for the runtime it would use', () => {
    const gpu = { ok: false as const, error: { code: 'no-webgpu' as const, message: 'none' } };
    const device = deviceCapabilities(gpu, {});
    const measured = new DecodeSpeeds(null);
    measured.get = (id, runtime) =>
      id === 'Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub' && runtime === 'cpu' ? 2 : null;
    const here = modelsHere(catalog, device, {}, measured);
    const { notes } = modelFacts(catalog, new Map(), device, here);
    expect(notes['Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub']).toBe(
      'fits; a typical solution takes about 3 minutes here (2.0 tokens/s measured)',
    );
    expect(notes['MathCoder-L-7B-Q4_0-hub']).toMatch(/^may not fit: without WebGPU/);
  });

  it('counts what a model already holds in storage against the space it needs', () => {
    const gpu = {
      ok: true as const,
      shaderF16: true,
      maxBufferSize: 2 ** 30,
      maxStorageBufferBindingSize: 2 ** 30,
      adapterInfo: { vendor: '', architecture: '', device: '', description: '' },
    };
    const device = deviceCapabilities(gpu, { deviceMemory: 8 }, { quota: 2e9, usage: 0 });
    const none = new DecodeSpeeds(null);
    const partial = { 'MathCoder-L-7B-Q4_0-hub': { status: 'partial' as const, storedBytes: 3e9 } };
    const { notes } = modelFacts(
      catalog,
      new Map(),
      device,
      modelsHere(catalog, device, partial, none),
    );
    expect(notes['MathCoder-L-7B-Q4_0-hub']).toBe('fits');
    expect(notes['MathCoder-CL-7B-Q4_0-hub']).toMatch(
      /^cannot run here: needs 3\.7 GB more of browser storage/,
    );
  });
});
