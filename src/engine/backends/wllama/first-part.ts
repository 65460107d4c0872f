import { EngineError } from '../../errors';
import { readModelShape, type ModelShape } from './context-plan';
import { GgufError, patchControlTokensToUserDefined, readGgufHeader } from '../../gguf/gguf';
import { addsSpacePrefix } from './space-prefix';

/** Enough for a 32k-token vocabulary's header; grown when a header is larger. */
const FIRST_READ_BYTES = 8 << 20;

export interface PreparedFirstPart {
  blob: Blob;
  /** The dimensions that size the KV cache, when the header has them. */
  shape: ModelShape | null;
  /** Whether llama.cpp's tokenizer reads a space before the text after each special token. */
  spacePrefix: boolean;
}

/**
 * Checks the first part's split count and retypes `textTokens` in its header, reading only the header: the rest of
 * the part stays a (disk-backed) Blob slice, so a stored part is not copied into memory before llama.cpp reads it.
 */
export async function prepareFirstPart(
  first: Blob,
  partCount: number,
  url: string,
  textTokens: readonly string[],
  firstRead = FIRST_READ_BYTES,
): Promise<PreparedFirstPart> {
  let size = Math.min(first.size, firstRead);
  for (;;) {
    const head = new Uint8Array(await first.slice(0, size).arrayBuffer());
    try {
      const { metadata } = readGgufHeader(head);
      checkSplit(metadata.get('split.count'), partCount, url);
      patchControlTokensToUserDefined(head, textTokens);
      return {
        blob: size === first.size ? new Blob([head]) : new Blob([head, first.slice(size)]),
        shape: readModelShape(metadata),
        spacePrefix: addsSpacePrefix(metadata),
      };
    } catch (error) {
      if (error instanceof GgufError && size < first.size) {
        size = Math.min(first.size, size * 4);
        continue;
      }
      if (error instanceof GgufError) {
        throw new EngineError(
          'model-files-missing',
          `${url} is not a usable GGUF file: ${error.message}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }
}

function checkSplit(count: unknown, partCount: number, url: string) {
  const expected = count === undefined ? 1 : Number(count);
  if (expected !== partCount) {
    throw new EngineError(
      'model-files-missing',
      `${url} says in its header that it is part 1 of ${expected}, but ${partCount} part(s) are configured for this model (by models.json or the first part's name). ` +
        `Name the first part as llama-gguf-split wrote it (…-00001-of-${String(expected).padStart(5, '0')}.gguf), or split the model again as public/models/README.md says.`,
    );
  }
}
