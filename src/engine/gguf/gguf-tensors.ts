// The part of a GGUF header after the key/values: tensor infos, alignment and where the tensor data starts.
import { Cursor, GgufError, readGgufHeader, type GgufHeader } from './gguf';

export interface GgufTensorInfo {
  name: string;
  /** ggml order: the first dimension is the contiguous one. */
  dims: bigint[];
  /** ggml_type. */
  type: number;
  /** Relative to the data section; a multiple of the alignment. */
  offset: number;
}

export interface GgufLayout {
  header: GgufHeader;
  tensors: GgufTensorInfo[];
  alignment: number;
  /** The header's end rounded up to the alignment: tensor offsets count from here. */
  dataStart: number;
}

/** GGUF's default when `general.alignment` is absent. */
export const DEFAULT_ALIGNMENT = 32;
const GGML_MAX_DIMS = 4;

/** The whole header of a GGUF file: throws GgufCutShortError when `bytes` ends before it does. */
export function readGgufLayout(bytes: Uint8Array): GgufLayout {
  const header = readGgufHeader(bytes);
  const alignment = readAlignment(header);
  const c = new Cursor(bytes);
  c.offset = header.metadataEnd;
  const tensors: GgufTensorInfo[] = [];
  // Each info takes at least 24 bytes, so a damaged count runs out of bytes instead of looping for ever.
  for (let i = 0n; i < header.tensorCount; i++) {
    const name = c.string();
    const nDims = c.u32();
    if (nDims > GGML_MAX_DIMS) throw new GgufError(`Tensor ${name} has ${nDims} dimensions.`);
    const dims = Array.from({ length: nDims }, () => c.u64());
    const type = c.u32();
    const offset = c.u64();
    if (offset % BigInt(alignment) !== 0n || offset > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new GgufError(`Tensor ${name} has an offset that is not aligned or out of range.`);
    }
    tensors.push({ name, dims, type, offset: Number(offset) });
  }
  return { header, tensors, alignment, dataStart: alignUp(c.offset, alignment) };
}

export function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

function readAlignment(header: GgufHeader): number {
  const value = header.metadata.get('general.alignment');
  if (value === undefined) return DEFAULT_ALIGNMENT;
  const n = typeof value === 'number' ? value : NaN;
  // ggml requires a power of two.
  if (!Number.isInteger(n) || n <= 0 || (n & (n - 1)) !== 0) {
    throw new GgufError(`The GGUF alignment ${String(value)} is not a power of two.`);
  }
  return n;
}

/** [elements per block, bytes per block] of the ggml types a downloaded model commonly has. */
const BLOCK_LAYOUT: Record<number, readonly [number, number]> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  2: [32, 18], // Q4_0
  3: [32, 20], // Q4_1
  6: [32, 22], // Q5_0
  7: [32, 24], // Q5_1
  8: [32, 34], // Q8_0
  10: [256, 84], // Q2_K
  11: [256, 110], // Q3_K
  12: [256, 144], // Q4_K
  13: [256, 176], // Q5_K
  14: [256, 210], // Q6_K
  30: [1, 2], // BF16
};

/** The tensor's data size in bytes, or null for a type not in the table (its size is then not checked). */
export function tensorByteSize(tensor: GgufTensorInfo): number | null {
  const layout = BLOCK_LAYOUT[tensor.type];
  if (!layout) return null;
  const elements = tensor.dims.reduce((a, b) => a * b, 1n);
  return Number((elements / BigInt(layout[0])) * BigInt(layout[1]));
}
