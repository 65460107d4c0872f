// What a model folder's check needs from the first GGUF part's header, small enough to pass between threads: reading a
// vocabulary of a million tokens takes seconds, so the browser does it in a worker (src/app/models/gguf-head.worker.ts).
import { GgufError, readGgufHeader } from '../gguf/gguf';
import { MATHCODER_ADDED_TOKENS } from '../formats/mathcoder';

export type GgufHeadCheck =
  | {
      ok: true;
      /** split.count as written, when there is one. */
      splitCount: number | undefined;
      architecture: string;
      fileType: number | undefined;
      /** MathCoder's added tokens that the vocabulary lacks. */
      missingMathCoderTokens: string[];
    }
  | { ok: false; message: string };

/** Reads the header at the start of a GGUF file; never throws. */
export function checkGgufHead(head: Uint8Array): GgufHeadCheck {
  try {
    const header = readGgufHeader(head, ['tokenizer.ggml.tokens']);
    const tokens = header.metadata.get('tokenizer.ggml.tokens');
    const texts = new Set(typeof tokens === 'object' && tokens.items ? tokens.items : []);
    const count = header.metadata.get('split.count');
    const fileType = header.metadata.get('general.file_type');
    return {
      ok: true,
      splitCount: count === undefined ? undefined : Number(count),
      architecture: String(header.metadata.get('general.architecture')),
      fileType: fileType === undefined ? undefined : Number(fileType),
      missingMathCoderTokens: MATHCODER_ADDED_TOKENS.filter((t) => !texts.has(t)),
    };
  } catch (error) {
    return { ok: false, message: error instanceof GgufError ? error.message : String(error) };
  }
}
