// Writes the header of one part of a llama.cpp split model: key/values, tensor infos and the padding before the data.
import { GGUF_MAGIC, GgufType } from './gguf';
import { alignUp, type GgufTensorInfo } from './gguf-tensors';

export interface PartHeader {
  /** Key/values copied verbatim from the original file, each one complete. */
  copiedKeys: Uint8Array[];
  splitNo: number;
  splitCount: number;
  totalTensors: number;
  /** With offsets relative to this part's data section. */
  tensors: GgufTensorInfo[];
  alignment: number;
}

const SPLIT_KEY_COUNT = 3;

class HeaderWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;
  private readonly encoder = new TextEncoder();
  bytes(b: Uint8Array) {
    this.chunks.push(b);
    this.size += b.byteLength;
  }
  private number(n: number, write: (view: DataView) => void) {
    const b = new Uint8Array(n);
    write(new DataView(b.buffer));
    this.bytes(b);
  }
  u16 = (v: number) => this.number(2, (d) => d.setUint16(0, v, true));
  u32 = (v: number) => this.number(4, (d) => d.setUint32(0, v, true));
  i32 = (v: number) => this.number(4, (d) => d.setInt32(0, v, true));
  u64 = (v: number | bigint) => this.number(8, (d) => d.setBigUint64(0, BigInt(v), true));
  string(s: string) {
    const b = this.encoder.encode(s);
    this.u64(b.byteLength);
    this.bytes(b);
  }
  /** Zero bytes up to the alignment, and the whole header as one buffer. */
  finish(alignment: number): Uint8Array<ArrayBuffer> {
    const out = new Uint8Array(alignUp(this.size, alignment));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }
}

/** A GGUF v3 header whose data section (at its end) holds `tensors`' bytes. */
export function writePartHeader(part: PartHeader): Uint8Array<ArrayBuffer> {
  const w = new HeaderWriter();
  w.u32(GGUF_MAGIC);
  w.u32(3);
  w.u64(part.tensors.length);
  w.u64(part.copiedKeys.length + SPLIT_KEY_COUNT);
  part.copiedKeys.forEach((kv) => w.bytes(kv));
  // The types llama.cpp's loader reads these keys as: it refuses others.
  w.string('split.no');
  w.u32(GgufType.Uint16);
  w.u16(part.splitNo);
  w.string('split.count');
  w.u32(GgufType.Uint16);
  w.u16(part.splitCount);
  w.string('split.tensors.count');
  w.u32(GgufType.Int32);
  w.i32(part.totalTensors);
  for (const t of part.tensors) {
    w.string(t.name);
    w.u32(t.dims.length);
    t.dims.forEach(w.u64);
    w.u32(t.type);
    w.u64(t.offset);
  }
  return w.finish(part.alignment);
}
