// llama.cpp in WebAssembly takes no file over 2 GB, so a one-file model is given to it in llama.cpp's own split
// layout, built from Blob slices of the stored pieces (no copy of the weights).
import { EngineError } from '../../errors';
import { splitGguf } from '../../gguf/gguf-split-builder';
import { GgufError } from '../../gguf/gguf';

/** 512 MB parts, as `llama-gguf-split --split-max-size 512M` makes: far under the limit, and loaded in parallel. */
export const DEFAULT_SPLIT_BYTES = 512e6;

export async function splitForLlamaCpp(file: Blob, url: string, splitBytes = DEFAULT_SPLIT_BYTES) {
  try {
    return await splitGguf(file, splitBytes);
  } catch (error) {
    if (!(error instanceof GgufError)) throw error;
    throw new EngineError(
      'model-files-missing',
      `${url} is not a usable GGUF model: ${error.message}`,
      {
        cause: error,
      },
    );
  }
}
