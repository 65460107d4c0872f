import { describe, expect, it } from 'vitest';
import { checkWebGPU } from './webgpu';

const MiB = 1024 * 1024;

function fakeGpu(adapter: Partial<GPUAdapter> | null | 'throws') {
  return {
    requestAdapter: async () => {
      if (adapter === 'throws') throw new Error('blocked');
      return adapter as GPUAdapter | null;
    },
  };
}

function adapter(
  features: string[],
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number },
): Partial<GPUAdapter> {
  return {
    features: new Set(features) as unknown as GPUSupportedFeatures,
    limits: limits as GPUSupportedLimits,
    info: {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader',
    } as GPUAdapterInfo,
  };
}

describe('checkWebGPU', () => {
  it('fails with no-webgpu when the browser has no navigator.gpu', async () => {
    const result = await checkWebGPU(undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('no-webgpu');
  });

  it('fails when no adapter is found or the request throws', async () => {
    for (const gpu of [fakeGpu(null), fakeGpu('throws')]) {
      const result = await checkWebGPU(gpu);
      expect(result).toEqual({
        ok: false,
        error: { code: 'no-webgpu', message: expect.stringMatching(/no usable GPU/) },
      });
    }
  });

  it('fails when the limits are below what WebLLM needs, naming them', async () => {
    const result = await checkWebGPU(
      fakeGpu(adapter([], { maxBufferSize: 256 * MiB, maxStorageBufferBindingSize: 64 * MiB })),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'no-webgpu',
        message: expect.stringContaining('maxStorageBufferBindingSize is 64 MiB, needs 128 MiB'),
      },
    });
  });

  it('reports shader-f16, the limits and the adapter', async () => {
    const limits = { maxBufferSize: 1024 * MiB, maxStorageBufferBindingSize: 1024 * MiB };
    expect(await checkWebGPU(fakeGpu(adapter([], limits)))).toEqual({
      ok: true,
      shaderF16: false,
      ...limits,
      adapterInfo: {
        vendor: 'google',
        architecture: 'swiftshader',
        device: '',
        description: 'SwiftShader',
      },
    });
    const withF16 = await checkWebGPU(fakeGpu(adapter(['shader-f16'], limits)));
    expect(withF16.ok && withF16.shaderF16).toBe(true);
  });
});
