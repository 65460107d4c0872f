// Turns one GGUF file into llama.cpp's split layout (what llama-gguf-split writes), since wllama cannot take one file
// over 2 GB. Only the header is read: each part's tensor data is one slice of the original Blob.
import { GgufCutShortError, GgufError, type GgufHeader } from './gguf';
import {
  readGgufLayout,
  tensorByteSize,
  type GgufLayout,
  type GgufTensorInfo,
} from './gguf-tensors';
import { writePartHeader } from './gguf-part-header';

export interface SplitPlan {
  /** Part 1 first; the file itself when it needs only one part. */
  parts: Blob[];
  tensorCount: number;
}

/** Enough for a 32k-token vocabulary's header; grown when a header is larger. */
const FIRST_READ_BYTES = 8 << 20;
/** A larger header is damage, not a model, and reading on would copy a 4 GB file into memory. */
const MAX_HEADER_BYTES = 256 << 20;
/** split.count is a UINT16. */
const MAX_PARTS = 0xffff;
/** The keys this builder writes; a file split into one part may already have them. */
const SPLIT_KEYS = new Set(['split.no', 'split.count', 'split.tensors.count']);

interface TensorSpan {
  tensor: GgufTensorInfo;
  /** Bytes from this tensor's offset to the next one's (the last: to the end of the file). */
  bytes: number;
}

/** Splits one GGUF file (a Blob, usually composed of stored pieces) into llama.cpp split parts of at most `maxPartBytes` of tensor data each. */
export async function splitGguf(
  file: Blob,
  maxPartBytes: number,
  firstRead = FIRST_READ_BYTES,
): Promise<SplitPlan> {
  if (!(maxPartBytes > 0))
    throw new RangeError(`maxPartBytes must be positive, not ${maxPartBytes}.`);
  const { layout, head } = await readHeader(file, firstRead);
  refuseSplitPart(layout.header);
  const runs = groupIntoRuns(tensorSpans(layout, file.size), maxPartBytes);
  const tensorCount = layout.tensors.length;
  if (runs.length <= 1) return { parts: [file], tensorCount };
  if (runs.length > MAX_PARTS) {
    throw new GgufError(
      `Splitting this model would need ${runs.length} parts; llama.cpp takes at most ${MAX_PARTS}.`,
    );
  }
  const firstKeys = copyKeys(head, layout.header, (key) => !SPLIT_KEYS.has(key));
  // llama.cpp reads every part with the same alignment, so parts after the first need it too.
  const otherKeys = copyKeys(head, layout.header, (key) => key === 'general.alignment');
  const dataEnd = file.size - layout.dataStart;
  const parts = runs.map((run, i) => {
    const start = run[0]!.tensor.offset;
    const end = runs[i + 1]?.[0]!.tensor.offset ?? dataEnd;
    const header = writePartHeader({
      copiedKeys: i === 0 ? firstKeys : otherKeys,
      splitNo: i,
      splitCount: runs.length,
      totalTensors: tensorCount,
      tensors: run.map(({ tensor }) => ({ ...tensor, offset: tensor.offset - start })),
      alignment: layout.alignment,
    });
    return new Blob([header, file.slice(layout.dataStart + start, layout.dataStart + end)]);
  });
  return { parts, tensorCount };
}

/** Reads the file's first bytes, more while the header runs past them. */
async function readHeader(
  file: Blob,
  firstRead: number,
): Promise<{ layout: GgufLayout; head: Uint8Array }> {
  let size = Math.min(file.size, Math.max(1, firstRead));
  for (;;) {
    const head = new Uint8Array(await file.slice(0, size).arrayBuffer());
    try {
      return { layout: readGgufLayout(head), head };
    } catch (error) {
      if (!(error instanceof GgufCutShortError)) throw error;
      if (size >= file.size) {
        throw new GgufError(
          'The GGUF file ends inside its header: the download is incomplete, or it is not a GGUF file.',
          { cause: error },
        );
      }
      if (size >= MAX_HEADER_BYTES) {
        throw new GgufError('The GGUF header is over 256 MB: the file is damaged.', {
          cause: error,
        });
      }
      size = Math.min(file.size, size * 4, MAX_HEADER_BYTES);
    }
  }
}

function refuseSplitPart(header: GgufHeader) {
  const count = Number(header.metadata.get('split.count') ?? 1);
  if (count > 1) {
    const no = Number(header.metadata.get('split.no') ?? 0) + 1;
    throw new GgufError(
      `This file is part ${no} of a model split into ${count} parts: load all its parts as they are instead of splitting it again.`,
    );
  }
}

/** Tensors in data order with the bytes each takes, checking that the file holds them all. */
function tensorSpans(layout: GgufLayout, fileSize: number): TensorSpan[] {
  const dataEnd = fileSize - layout.dataStart;
  const sorted = [...layout.tensors].sort((a, b) => a.offset - b.offset);
  return sorted.map((tensor, i) => {
    const next = sorted[i + 1];
    const end = next?.offset ?? dataEnd;
    // An unknown type's size is not checked, but its data must at least start inside the file.
    const size = tensorByteSize(tensor) ?? 0;
    if (tensor.offset + size > end || tensor.offset > dataEnd) {
      throw new GgufError(
        next && next.offset <= dataEnd
          ? `The GGUF tensors ${tensor.name} and ${next.name} overlap: the file is damaged.`
          : `The GGUF file ends before the data of tensor ${tensor.name}: the download is incomplete.`,
      );
    }
    return { tensor, bytes: end - tensor.offset };
  });
}

/** Consecutive runs of at most `maxBytes`; a tensor larger than that is a run of its own. */
function groupIntoRuns(spans: TensorSpan[], maxBytes: number): TensorSpan[][] {
  const runs: TensorSpan[][] = [];
  let run: TensorSpan[] = [];
  let runBytes = 0;
  for (const span of spans) {
    if (run.length > 0 && runBytes + span.bytes > maxBytes) {
      runs.push(run);
      run = [];
      runBytes = 0;
    }
    run.push(span);
    runBytes += span.bytes;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The chosen key/values' bytes, verbatim, so the first part's header patch finds them as in the original. */
function copyKeys(head: Uint8Array, header: GgufHeader, keep: (key: string) => boolean) {
  return [...header.keyRanges]
    .filter(([key]) => keep(key))
    .map(([, { start, end }]) => head.subarray(start, end));
}
