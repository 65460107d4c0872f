// On the CPU path llama.cpp keeps the weights and the KV cache in one WebAssembly heap of at most 4 GiB, so the
// context is chosen to fit there before loading rather than discovered missing after.
import { WASM_MEMORY_LIMIT_BYTES } from '../../errors';
import type { GgufValue } from '../../gguf/gguf';

/** The model dimensions that size its KV cache, read from the GGUF header. */
export interface ModelShape {
  layers: number;
  /** Width of one token's keys (and of its values) over all KV heads. */
  kvWidth: number;
}

export type KvCacheType = 'f16' | 'q8_0' | 'q4_0';

export interface ContextPlan {
  contextLength: number;
  cacheType: KvCacheType;
  /** Whether the estimate says it fits; false for the smallest plan tried when nothing does. */
  fits: boolean;
  kvBytes: number;
}

/** Bytes per cached element: ggml's block sizes (q8_0: 34 bytes per 32, q4_0: 18 bytes per 32). */
const BYTES_PER_ELEMENT: Record<KvCacheType, number> = { f16: 2, q8_0: 34 / 32, q4_0: 18 / 32 };

/** Compute buffers, output logits, vocabulary and runtime: what the heap holds besides weights and cache. */
export const HEAP_OVERHEAD_BYTES = 160 * 1024 ** 2;

/** Below this a MathCoder prompt and one block no longer fit. */
const SMALLEST_CONTEXT = 512;

function count(metadata: ReadonlyMap<string, GgufValue>, key: string): number | undefined {
  const value = metadata.get(key);
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The KV cache's dimensions from `<arch>.block_count`, `.embedding_length` and `.attention.head_count(_kv)`. */
export function readModelShape(metadata: ReadonlyMap<string, GgufValue>): ModelShape | null {
  const arch = metadata.get('general.architecture');
  if (typeof arch !== 'string') return null;
  const layers = count(metadata, `${arch}.block_count`);
  const width = count(metadata, `${arch}.embedding_length`);
  const heads = count(metadata, `${arch}.attention.head_count`);
  if (!layers || !width || !heads) return null;
  const kvHeads = count(metadata, `${arch}.attention.head_count_kv`) ?? heads;
  const keyLength = count(metadata, `${arch}.attention.key_length`) ?? width / heads;
  return { layers, kvWidth: keyLength * kvHeads };
}

export function kvCacheBytes(shape: ModelShape, contextLength: number, type: KvCacheType): number {
  return 2 * shape.layers * contextLength * shape.kvWidth * BYTES_PER_ELEMENT[type];
}

/**
 * The largest context up to `requested` whose KV cache fits beside the weights in the heap: the full context with an
 * f16, then q8_0, then q4_0 cache, then half the context, and so on.
 */
export function planCpuContext(
  shape: ModelShape,
  weightsBytes: number,
  requested: number,
  heapBytes = WASM_MEMORY_LIMIT_BYTES,
): ContextPlan {
  const room = heapBytes - weightsBytes - HEAP_OVERHEAD_BYTES;
  const smallest = Math.min(SMALLEST_CONTEXT, requested);
  for (let n = requested; n >= smallest; n = Math.floor(n / 2)) {
    for (const cacheType of ['f16', 'q8_0', 'q4_0'] as const) {
      const kvBytes = kvCacheBytes(shape, n, cacheType);
      if (kvBytes <= room) return { contextLength: n, cacheType, fits: true, kvBytes };
    }
  }
  // Nothing fits by the estimate: try the smallest, and the check after loading says what ran out if it fails.
  const kvBytes = kvCacheBytes(shape, smallest, 'q4_0');
  return { contextLength: smallest, cacheType: 'q4_0', fits: false, kvBytes };
}

/** The load status's words for a plan that differs from what the model list asked for. */
export function describePlan(
  plan: ContextPlan,
  requested: number,
  path: 'cpu' | 'webgpu' = 'cpu',
): string | null {
  if (plan.contextLength === requested && plan.cacheType === 'f16') return null;
  const cache = plan.cacheType === 'f16' ? 'an f16' : `a ${plan.cacheType}-quantized`;
  const shorter = plan.contextLength < requested ? ` instead of ${requested}` : '';
  const why =
    path === 'cpu'
      ? 'to fit the 4 GiB of WebAssembly memory on the CPU'
      : `since the ${requested}-token context did not fit in this tab's memory`;
  return `${plan.contextLength}-token context${shorter} with ${cache} KV cache, ${why}`;
}
