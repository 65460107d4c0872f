import { GGUF_MAGIC, GgufType } from '../../src/engine/gguf/gguf';

export type MetadataValue =
  | { type: 'u32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'strings'; value: readonly string[] }
  | { type: 'f32s'; value: readonly number[] }
  | { type: 'i32s'; value: readonly number[] };

export interface F32Tensor {
  name: string;
  /** ggml order: the first dimension is the contiguous one. */
  dims: readonly number[];
  data: Float32Array;
}

const ALIGNMENT = 32;
const GGML_TYPE_F32 = 0;

class ByteWriter {
  private chunks: Uint8Array[] = [];
  size = 0;
  private readonly encoder = new TextEncoder();
  bytes(b: Uint8Array) {
    this.chunks.push(b);
    this.size += b.byteLength;
  }
  private fixed(n: number, write: (v: DataView) => void) {
    const b = new Uint8Array(n);
    write(new DataView(b.buffer));
    this.bytes(b);
  }
  u32 = (v: number) => this.fixed(4, (d) => d.setUint32(0, v, true));
  i32 = (v: number) => this.fixed(4, (d) => d.setInt32(0, v, true));
  f32 = (v: number) => this.fixed(4, (d) => d.setFloat32(0, v, true));
  u64 = (v: number) => this.fixed(8, (d) => d.setBigUint64(0, BigInt(v), true));
  u8 = (v: number) => this.fixed(1, (d) => d.setUint8(0, v));
  string(s: string) {
    const b = this.encoder.encode(s);
    this.u64(b.byteLength);
    this.bytes(b);
  }
  pad() {
    const n = (ALIGNMENT - (this.size % ALIGNMENT)) % ALIGNMENT;
    if (n > 0) this.bytes(new Uint8Array(n));
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }
}

function writeValue(w: ByteWriter, v: MetadataValue) {
  switch (v.type) {
    case 'u32':
      w.u32(GgufType.Uint32);
      return w.u32(v.value);
    case 'f32':
      w.u32(GgufType.Float32);
      return w.f32(v.value);
    case 'bool':
      w.u32(GgufType.Bool);
      return w.u8(v.value ? 1 : 0);
    case 'string':
      w.u32(GgufType.String);
      return w.string(v.value);
    case 'strings':
      w.u32(GgufType.Array);
      w.u32(GgufType.String);
      w.u64(v.value.length);
      return v.value.forEach((s) => w.string(s));
    case 'f32s':
      w.u32(GgufType.Array);
      w.u32(GgufType.Float32);
      w.u64(v.value.length);
      return v.value.forEach(w.f32);
    case 'i32s':
      w.u32(GgufType.Array);
      w.u32(GgufType.Int32);
      w.u64(v.value.length);
      return v.value.forEach(w.i32);
  }
}

/** A tensor's entry in the header: its data is written after the header, each tensor starting on an aligned offset. */
export interface TensorInfo {
  name: string;
  /** ggml order: the first dimension is the contiguous one. */
  dims: readonly number[];
  ggmlType: number;
  byteLength: number;
}

export const GGUF_ALIGNMENT = ALIGNMENT;
export const GGML_TYPE = {
  F32: GGML_TYPE_F32,
  Q4_0: 2,
  Q3_K: 11,
  Q4_K: 12,
  Q5_K: 13,
  Q6_K: 14,
} as const;

/** Zero bytes that bring `size` up to the next aligned offset. */
export const alignmentPadding = (size: number) => (ALIGNMENT - (size % ALIGNMENT)) % ALIGNMENT;

/** Everything of a GGUF version 3 file before its tensor data, padded, so large files can be streamed after it. */
export function ggufHeader(
  metadata: ReadonlyArray<readonly [string, MetadataValue]>,
  tensors: readonly TensorInfo[],
): Uint8Array {
  const w = new ByteWriter();
  w.u32(GGUF_MAGIC);
  w.u32(3);
  w.u64(tensors.length);
  w.u64(metadata.length);
  for (const [key, value] of metadata) {
    w.string(key);
    writeValue(w, value);
  }
  let offset = 0;
  for (const t of tensors) {
    w.string(t.name);
    w.u32(t.dims.length);
    t.dims.forEach(w.u64);
    w.u32(t.ggmlType);
    w.u64(offset);
    offset += t.byteLength + alignmentPadding(t.byteLength);
  }
  w.pad();
  return w.concat();
}

/** A GGUF version 3 file with f32 tensors. */
export function writeGguf(
  metadata: ReadonlyArray<readonly [string, MetadataValue]>,
  tensors: readonly F32Tensor[],
): Uint8Array {
  const infos = tensors.map((t) => {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`Tensor ${t.name} has the wrong size.`);
    return { name: t.name, dims: t.dims, ggmlType: GGML_TYPE_F32, byteLength: t.data.byteLength };
  });
  const w = new ByteWriter();
  w.bytes(ggufHeader(metadata, infos));
  for (const t of tensors) {
    w.bytes(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    w.pad();
  }
  return w.concat();
}
