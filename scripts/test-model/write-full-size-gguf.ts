// Streams a constant-weight GGUF with a real model's shapes (full-size-model.ts, qwen-full-size-model.ts) to disk, a
// few MB per write.
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { alignmentPadding, GGML_TYPE, ggufHeader, type TensorInfo } from './gguf-writer';
import { constantBlock } from './constant-blocks';
import {
  fullSizeModel,
  type FullSizeModel,
  type QuantizedType,
  type Recipe,
} from './full-size-model';

/** Blocks per write: 1.2 MB of Q4_0, 9 MB of Q4_K. */
const CHUNK_BLOCKS = 65_536;

const chunks = new Map<number, Buffer>();
/** One block repeated: every dot product of a row with a constant vector is 0, so activations stay finite. */
function chunkOf(type: QuantizedType): Buffer {
  let chunk = chunks.get(type);
  if (!chunk) {
    const block = constantBlock(type);
    chunk = Buffer.concat(Array.from({ length: CHUNK_BLOCKS }, () => block));
    chunks.set(type, chunk);
  }
  return chunk;
}

function writeTensor(fd: number, tensor: TensorInfo): void {
  if (tensor.ggmlType === GGML_TYPE.F32) {
    // Norm weights of 1: RMS norm then passes the activations on unscaled. Biases of 0 add nothing.
    const values = new Float32Array(tensor.byteLength / 4).fill(
      tensor.name.endsWith('.bias') ? 0 : 1,
    );
    writeSync(fd, new Uint8Array(values.buffer));
  } else {
    const chunk = chunkOf(tensor.ggmlType as QuantizedType);
    for (let left = tensor.byteLength; left > 0; left -= chunk.byteLength) {
      writeSync(fd, chunk, 0, Math.min(left, chunk.byteLength));
    }
  }
  const padding = alignmentPadding(tensor.byteLength);
  if (padding > 0) writeSync(fd, Buffer.alloc(padding));
}

export function makeFullSizeGguf(out: string, layers: number, recipe: Recipe): number {
  return writeFullSizeGguf(out, fullSizeModel(layers, recipe));
}

/** Writes `model`'s header, then each tensor's constant data; returns the file's size. */
export function writeFullSizeGguf(out: string, model: FullSizeModel): number {
  const header = ggufHeader(model.metadata, model.tensors);
  mkdirSync(dirname(out), { recursive: true });
  const fd = openSync(out, 'w');
  try {
    writeSync(fd, header);
    let written = header.byteLength;
    let reported = 0;
    for (const tensor of model.tensors) {
      writeTensor(fd, tensor);
      written += tensor.byteLength + alignmentPadding(tensor.byteLength);
      if (written - reported > 500e6) {
        process.stderr.write(`  ${(written / 1e9).toFixed(2)} GB written\n`);
        reported = written;
      }
    }
    const size = statSync(out).size;
    if (size !== written) throw new Error(`Wrote ${size} bytes, expected ${written}.`);
    return size;
  } finally {
    closeSync(fd);
  }
}
