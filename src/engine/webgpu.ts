import { WEBGPU_BROWSERS } from './errors';
import type { EngineErrorData } from './types';

const MiB = 1024 * 1024;

/** What WebLLM's detectGPUDevice requires of an adapter. */
export const WEBLLM_MIN_LIMITS = {
  maxStorageBufferBindingSize: 128 * MiB,
  maxBufferSize: 256 * MiB,
} as const;

export interface AdapterSummary {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

export type WebGPUCheck =
  | {
      ok: true;
      shaderF16: boolean;
      maxBufferSize: number;
      maxStorageBufferBindingSize: number;
      adapterInfo: AdapterSummary;
    }
  | { ok: false; error: EngineErrorData };

export type WebGPUInfo = Extract<WebGPUCheck, { ok: true }>;

type GpuLike = Pick<GPU, 'requestAdapter'>;

function browserGpu(): GpuLike | undefined {
  return typeof navigator !== 'undefined' && 'gpu' in navigator ? navigator.gpu : undefined;
}

/** Whether this browser can run WebLLM models, and with which features; never throws. */
export async function checkWebGPU(gpu: GpuLike | undefined = browserGpu()): Promise<WebGPUCheck> {
  if (!gpu) {
    return {
      ok: false,
      error: {
        code: 'no-webgpu',
        message: `This browser has no WebGPU, which the model needs. ${WEBGPU_BROWSERS}`,
      },
    };
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    adapter = null;
  }
  if (!adapter) {
    return {
      ok: false,
      error: {
        code: 'no-webgpu',
        message:
          'This browser has WebGPU but found no usable GPU (it may be blocklisted or hardware acceleration is off). ' +
          `Turn on hardware acceleration in the browser settings, update the GPU driver, or try another browser. ${WEBGPU_BROWSERS}`,
      },
    };
  }
  const { maxBufferSize, maxStorageBufferBindingSize } = adapter.limits;
  const tooSmall = (
    [
      ['maxStorageBufferBindingSize', maxStorageBufferBindingSize],
      ['maxBufferSize', maxBufferSize],
    ] as const
  ).filter(([name, value]) => value < WEBLLM_MIN_LIMITS[name]);
  if (tooSmall.length > 0) {
    const detail = tooSmall
      .map(
        ([name, value]) =>
          `${name} is ${Math.floor(value / MiB)} MiB, needs ${WEBLLM_MIN_LIMITS[name] / MiB} MiB`,
      )
      .join('; ');
    return {
      ok: false,
      error: {
        code: 'no-webgpu',
        message: `This GPU’s WebGPU limits are too small for the model (${detail}). Try another device or browser.`,
      },
    };
  }
  const info = adapter.info as Partial<GPUAdapterInfo> | undefined;
  return {
    ok: true,
    shaderF16: adapter.features.has('shader-f16'),
    maxBufferSize,
    maxStorageBufferBindingSize,
    adapterInfo: {
      vendor: info?.vendor ?? '',
      architecture: info?.architecture ?? '',
      device: info?.device ?? '',
      description: info?.description ?? '',
    },
  };
}
