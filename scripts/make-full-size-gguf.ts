// Writes a GGUF with MathCoder-L-7B's exact shapes and constant Q4_0 weights (about 3.8 GB) as one file, streamed to
// disk a few MB at a time, for benchmarking the download, storage, split and load of a full-size model.
// Usage: npx tsx scripts/make-full-size-gguf.ts [--layers 32] [--out bench-out/mathcoder-l-7b-shaped-q4_0.gguf]
import { closeSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { alignmentPadding, GGML_TYPE, ggufHeader, type TensorInfo } from './test-model/gguf-writer';
import {
  DEFAULT_FULL_SIZE_GGUF,
  fullSizeModel,
  LLAMA_2_7B,
  Q4_0_BLOCK,
} from './test-model/full-size-model';

/** Blocks per write: about 1.2 MB. */
const CHUNK_BLOCKS = 65_536;

/**
 * One Q4_0 block repeated: scale 2^-7 (f16 0x2000), first 16 weights -1 and last 16 +1 (nibbles 7 and 9), so every
 * dot product with a constant vector is 0 and activations stay finite through 32 layers.
 */
function q4Chunk(): Buffer {
  const block = Buffer.alloc(Q4_0_BLOCK.bytes, 0x97);
  block.writeUInt16LE(0x2000, 0);
  return Buffer.concat(Array.from({ length: CHUNK_BLOCKS }, () => block));
}

function writeTensor(fd: number, tensor: TensorInfo, q4: Buffer): void {
  if (tensor.ggmlType === GGML_TYPE.F32) {
    // Norm weights of 1: RMS norm then passes the activations on unscaled.
    const ones = new Float32Array(tensor.byteLength / 4).fill(1);
    writeSync(fd, new Uint8Array(ones.buffer));
  } else {
    for (let left = tensor.byteLength; left > 0; left -= q4.byteLength) {
      writeSync(fd, q4, 0, Math.min(left, q4.byteLength));
    }
  }
  const padding = alignmentPadding(tensor.byteLength);
  if (padding > 0) writeSync(fd, Buffer.alloc(padding));
}

function makeFullSizeGguf(out: string, layers: number): number {
  const model = fullSizeModel(layers);
  const header = ggufHeader(model.metadata, model.tensors);
  const q4 = q4Chunk();
  mkdirSync(dirname(out), { recursive: true });
  const fd = openSync(out, 'w');
  try {
    writeSync(fd, header);
    let written = header.byteLength;
    let reported = 0;
    for (const tensor of model.tensors) {
      writeTensor(fd, tensor, q4);
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

const { values } = parseArgs({
  options: { layers: { type: 'string' }, out: { type: 'string' } },
});
const layers = Number(values.layers ?? LLAMA_2_7B.layers);
if (!Number.isInteger(layers) || layers < 1) throw new Error('--layers wants a positive integer');
const out = values.out ?? DEFAULT_FULL_SIZE_GGUF;
const started = Date.now();
const size = makeFullSizeGguf(out, layers);
console.log(
  `Wrote ${out}: ${(size / 1e9).toFixed(3)} GB, ${layers} layers, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
