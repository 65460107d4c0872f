import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  writeTestModelFile,
  type TestModelFile,
} from '../../../scripts/test-model/test-model-file';
import { startStandInHub, type StandInHub } from '../../../scripts/servers/stand-in-hub';
import { GgufType, type GgufHeader } from '../gguf/gguf';
import { MATHCODER_ADDED_TOKENS } from '../formats/mathcoder';
import { promptFormatOf, readRemoteGgufHeader } from './remote-gguf-header';

function header(entries: Record<string, string | string[]>): GgufHeader {
  const metadata = new Map(
    Object.entries(entries).map(([k, v]) => [
      k,
      Array.isArray(v) ? { itemType: GgufType.String, length: v.length, items: v, offset: 0 } : v,
    ]),
  );
  return { version: 3, tensorCount: 0n, metadata, metadataEnd: 0, keyRanges: new Map() };
}

let hub: StandInHub;
let model: TestModelFile;
beforeAll(async () => {
  model = writeTestModelFile();
  hub = await startStandInHub([{ repo: 'a/b', file: 'm.Q8_0.gguf', path: model.path }]);
});
afterAll(() => {
  hub.close();
  model.remove();
});

describe('a hub GGUF read by its header', () => {
  it('reads the header by Range, a growing prefix, without downloading the model', async () => {
    const url = `${hub.hubUrl}/a/b/resolve/main/m.Q8_0.gguf`;
    const read = await readRemoteGgufHeader(url, statSync(model.path).size);
    expect(read.metadata.get('general.architecture')).toBe('llama');
    expect(promptFormatOf(read)).toBe('mathcoder');
    expect(hub.requests.filter((r) => r.origin === 'cdn').map((r) => r.range)).toEqual([
      'bytes=0-336831',
    ]);
  });

  it('picks MathCoder by its eight added tokens and Qwen2.5-Math by tokenizer and name', () => {
    expect(
      promptFormatOf(header({ 'tokenizer.ggml.tokens': ['a', ...MATHCODER_ADDED_TOKENS] })),
    ).toBe('mathcoder');
    expect(
      promptFormatOf(
        header({
          'general.name': 'Qwen2.5 Math 1.5B Instruct',
          'general.basename': 'Qwen2.5-Math',
          'tokenizer.ggml.pre': 'qwen2',
          'tokenizer.ggml.tokens': ['<|im_start|>'],
        }),
      ),
    ).toBe('qwen-tir');
  });

  it('says what it found in a model it does not know', () => {
    expect(() =>
      promptFormatOf(
        header({
          'general.architecture': 'qwen2',
          'general.name': 'Qwen2.5 7B Instruct',
          'tokenizer.ggml.model': 'gpt2',
          'tokenizer.ggml.pre': 'qwen2',
          'tokenizer.ggml.tokens': ['<|im_start|>', 'x'],
        }),
      ),
    ).toThrow(
      'This is not a tool-using math model this app knows (it found architecture qwen2, name "Qwen2.5 7B Instruct", tokenizer gpt2/qwen2, 2 tokens).',
    );
  });
});
