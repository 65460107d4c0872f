// A hub GGUF's header read by Range before anything large is downloaded, and the prompt format it calls for.
import { abortError } from '../abort';
import { EngineError } from '../errors';
import { GgufCutShortError, GgufError, readGgufHeader, type GgufHeader } from '../gguf/gguf';
import { MATHCODER_ADDED_TOKENS } from '../formats/mathcoder';
import type { FormatId } from '../formats/prompt-format';
import { badAnswer, unreachable } from './remote-answer';

/** A 7B vocabulary fits in 1 MiB; a 150k-token one (Qwen) needs a few: read more until the header ends. */
const FIRST_READ = 1 << 20;
const MAX_READ = 32 << 20;

export async function readRemoteGgufHeader(
  url: string,
  size: number,
  { fetchImpl = fetch, signal }: { fetchImpl?: typeof fetch; signal?: AbortSignal } = {},
): Promise<GgufHeader> {
  for (let want = Math.min(FIRST_READ, size); ; want = Math.min(want * 4, size)) {
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: { Range: `bytes=0-${want - 1}` }, signal });
    } catch (error) {
      throw unreachable(url, error, signal);
    }
    if (!response.ok) throw badAnswer(url, response);
    if (response.status !== 206 && want < size) {
      void response.body?.cancel().catch(() => {});
      throw new EngineError(
        'download-failed',
        `${new URL(response.url || url).host} ignores HTTP Range requests (HTTP ${response.status} instead of 206), ` +
          'so the model cannot be downloaded from it in pieces.',
      );
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (signal?.aborted) throw abortError();
    try {
      return readGgufHeader(bytes, ['tokenizer.ggml.tokens']);
    } catch (error) {
      const more = error instanceof GgufCutShortError && want < size && want < MAX_READ;
      if (more) continue;
      const why = error instanceof GgufError ? error.message : String(error);
      throw new EngineError('model-files-missing', `${url} is not a usable GGUF model: ${why}`, {
        cause: error,
      });
    }
  }
}

const text = (header: GgufHeader, key: string) => {
  const value = header.metadata.get(key);
  return typeof value === 'string' ? value : undefined;
};

/**
 * The prompt format a model's header calls for: MathCoder's eight added tokens, or a Qwen2.5-Math model (Qwen2
 * tokenizer, Qwen2.5-Math in its name) for its tool-integrated mode. Throws, saying what it found, for anything else.
 */
export function promptFormatOf(header: GgufHeader): FormatId {
  const tokens = header.metadata.get('tokenizer.ggml.tokens');
  const texts = typeof tokens === 'object' && tokens.items ? tokens.items : [];
  if (MATHCODER_ADDED_TOKENS.every((t) => texts.includes(t))) return 'mathcoder';
  const name = [text(header, 'general.name'), text(header, 'general.basename')].join(' ');
  const qwen2 = text(header, 'tokenizer.ggml.pre') === 'qwen2' || texts.includes('<|im_start|>');
  if (qwen2 && /qwen2\.5[-_ ]math/i.test(name)) return 'qwen-tir';
  const found = [
    `architecture ${text(header, 'general.architecture') ?? 'unknown'}`,
    `name "${name.trim() || 'none'}"`,
    `tokenizer ${text(header, 'tokenizer.ggml.model') ?? 'unknown'}` +
      (text(header, 'tokenizer.ggml.pre') ? `/${text(header, 'tokenizer.ggml.pre')}` : ''),
    `${texts.length} tokens`,
  ];
  throw new EngineError(
    'model-files-missing',
    `This is not a tool-using math model this app knows (it found ${found.join(', ')}). It runs MathCoder ` +
      "(its vocabulary has MathCoder's eight added tokens) and Qwen2.5-Math (Qwen2 tokenizer, Qwen2.5-Math in its name).",
  );
}
