import { afterEach, describe, expect, it, vi } from 'vitest';
import { GgufError } from './gguf';
import { alignUp, readGgufLayout, tensorByteSize, type GgufLayout } from './gguf-tensors';
import { splitGguf } from './gguf-split-builder';
import { buildTestModel } from '../../../scripts/test-model/tutor-test-model';
import { writeGguf } from '../../../scripts/test-model/gguf-writer';

const model = buildTestModel();
const original = readGgufLayout(model.bytes);
const SPLIT_KEYS = ['split.no', 'split.count', 'split.tensors.count'];

function blobOf(bytes: Uint8Array): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/** Each tensor's bytes, from its offset to the next tensor's (the last: to the end of the file). */
function tensorBytes(bytes: Uint8Array, layout: GgufLayout): Map<string, Uint8Array> {
  const sorted = [...layout.tensors].sort((a, b) => a.offset - b.offset);
  return new Map(
    sorted.map((t, i) => {
      const end = sorted[i + 1]?.offset ?? bytes.byteLength - layout.dataStart;
      const at = layout.dataStart + t.offset;
      return [t.name, bytes.subarray(at, layout.dataStart + end)];
    }),
  );
}

async function readParts(parts: Blob[]) {
  return Promise.all(
    parts.map(async (part) => {
      const bytes = await bytesOf(part);
      return { bytes, layout: readGgufLayout(bytes) };
    }),
  );
}

afterEach(() => vi.restoreAllMocks());

describe('splitGguf', () => {
  it('splits the test model into parts llama.cpp can load, each tensor with its original bytes', async () => {
    const file = blobOf(model.bytes);
    const plan = await splitGguf(file, 40_000);
    expect(plan.tensorCount).toBe(original.tensors.length);
    expect(plan.parts.length).toBeGreaterThan(2);
    const parts = await readParts(plan.parts);
    const originalBytes = tensorBytes(model.bytes, original);

    parts.forEach(({ layout }, i) => {
      const { metadata } = layout.header;
      expect(metadata.get('split.no')).toBe(i);
      expect(metadata.get('split.count')).toBe(plan.parts.length);
      expect(metadata.get('split.tensors.count')).toBe(original.tensors.length);
      expect(layout.header.version).toBe(3);
      if (i === 0) {
        const keys = [...original.header.metadata.keys(), ...SPLIT_KEYS];
        expect([...metadata.keys()].sort()).toEqual(keys.sort());
        for (const [key, value] of original.header.metadata) {
          // Arrays compare by item type, length and offset: copied first, they are where they were.
          expect(metadata.get(key), key).toEqual(value);
        }
      } else {
        expect([...metadata.keys()].sort()).toEqual([...SPLIT_KEYS].sort());
      }
    });

    // The first part's key/values are the original's bytes, so array offsets keep their meaning.
    const kvs = (bytes: Uint8Array, layout: GgufLayout) => {
      const ranges = [...layout.header.keyRanges.values()];
      return bytes.subarray(ranges[0]!.start, ranges.at(-1)!.end);
    };
    const firstKvs = kvs(parts[0]!.bytes, parts[0]!.layout);
    expect(firstKvs.subarray(0, kvs(model.bytes, original).byteLength)).toEqual(
      kvs(model.bytes, original),
    );

    const infos = (layout: GgufLayout) =>
      layout.tensors.map(({ name, dims, type }) => ({ name, dims, type }));
    expect(parts.flatMap(({ layout }) => infos(layout))).toEqual(infos(original));

    for (const { bytes, layout } of parts) {
      expect(layout.dataStart % layout.alignment).toBe(0);
      // ggml's reader wants each offset to be the previous tensor's end, padded to the alignment.
      let expected = 0;
      for (const t of layout.tensors) {
        expect(t.offset, t.name).toBe(expected);
        expected += alignUp(tensorByteSize(t)!, layout.alignment);
      }
      for (const [name, data] of tensorBytes(bytes, layout)) {
        expect(data.byteLength, name).toBe(originalBytes.get(name)!.byteLength);
        expect(data, name).toEqual(originalBytes.get(name));
      }
    }
  });

  it('gives each tensor a part of its own when every tensor is larger than the limit', async () => {
    const plan = await splitGguf(blobOf(model.bytes), 1);
    expect(plan.parts).toHaveLength(original.tensors.length);
  });

  it('returns a model that fits one part as the same Blob', async () => {
    const file = blobOf(model.bytes);
    const plan = await splitGguf(file, 1 << 30);
    expect(plan.parts).toHaveLength(1);
    expect(plan.parts[0]).toBe(file);
    expect(plan.tensorCount).toBe(original.tensors.length);
  });

  it('reads only the header, growing the read when the header is longer', async () => {
    const file = blobOf(model.bytes);
    const reads: number[] = [];
    const arrayBuffer = Blob.prototype.arrayBuffer;
    vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      reads.push(this.size);
      return arrayBuffer.call(this);
    });
    for (const method of ['text', 'stream', 'bytes'] as const) {
      vi.spyOn(Blob.prototype, method).mockImplementation(() => {
        throw new Error(`splitGguf called Blob.${method}()`);
      });
    }
    const plan = await splitGguf(file, 40_000, 64);
    expect(plan.parts.length).toBeGreaterThan(2);
    expect(reads.length).toBeGreaterThan(1);
    expect(Math.max(...reads)).toBeLessThan(4 * original.dataStart);
    expect(Math.max(...reads)).toBeLessThan(model.bytes.byteLength / 4);
  });

  it('keeps general.alignment in every part', async () => {
    const tensor = (name: string) => ({ name, dims: [16], data: new Float32Array(16).fill(1) });
    const bytes = writeGguf(
      [
        ['general.architecture', { type: 'string', value: 'llama' }],
        ['general.alignment', { type: 'u32', value: 32 }],
        // A file split into one part already has these keys: they are written once, not twice.
        ['split.count', { type: 'u32', value: 1 }],
      ],
      [tensor('a'), tensor('b'), tensor('c')],
    );
    const parts = await readParts((await splitGguf(blobOf(bytes), 64)).parts);
    expect(parts).toHaveLength(3);
    expect(parts[0]!.layout.header.keyRanges.size).toBe(2 + SPLIT_KEYS.length);
    expect(parts[0]!.layout.header.metadata.get('split.count')).toBe(3);
    for (const { layout } of parts.slice(1)) {
      expect([...layout.header.metadata.keys()].sort()).toEqual(
        ['general.alignment', ...SPLIT_KEYS].sort(),
      );
    }
  });

  it('refuses a file that is already one part of a split model', async () => {
    const { parts } = await splitGguf(blobOf(model.bytes), 40_000);
    await expect(splitGguf(parts[0]!, 40_000)).rejects.toThrow(/part 1 of a model split into/);
    await expect(splitGguf(parts[1]!, 1 << 30)).rejects.toThrow(GgufError);
  });

  it('refuses a truncated file with a GgufError', async () => {
    const inHeader = blobOf(model.bytes.subarray(0, 1000));
    await expect(splitGguf(inHeader, 40_000, 64)).rejects.toThrow(/ends inside its header/);
    const inData = blobOf(model.bytes.subarray(0, model.bytes.byteLength - 100));
    await expect(splitGguf(inData, 40_000)).rejects.toThrow(GgufError);
    await expect(splitGguf(inData, 40_000)).rejects.toThrow(/ends before the data of tensor/);
    await expect(splitGguf(blobOf(new Uint8Array(64)), 40_000)).rejects.toThrow(/not a GGUF file/);
  });
});
