import { describe, expect, it } from 'vitest';
import { writeGguf } from '../../../scripts/test-model/gguf-writer';
import { MATHCODER_ADDED_TOKENS } from '../formats/mathcoder';
import { inspectModelFolder, type ModelFolder } from './model-folder';
import { parseModelList } from './model-list';

function memoryFolder(
  name: string,
  files: Record<string, Uint8Array | string | number>,
): ModelFolder {
  const bytes = (v: Uint8Array | string | number) =>
    typeof v === 'string' ? new TextEncoder().encode(v) : typeof v === 'number' ? null : v;
  return {
    name,
    files: Object.entries(files).map(([path, v]) => ({
      path,
      bytes: typeof v === 'number' ? v : bytes(v)!.byteLength,
    })),
    readText: async (path) => new TextDecoder().decode(bytes(files[path]!)!),
    readBytes: async (path, start, end) => bytes(files[path]!)!.slice(start, end),
  };
}

const mathcoderTokenizer = JSON.stringify({
  added_tokens: MATHCODER_ADDED_TOKENS.map((content, i) => ({ id: 32000 + i, content })),
});
const chatConfig = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    vocab_size: 32024,
    quantization: 'q4f16_1',
    model_config: { rope_theta: 10000 },
    conv_template: { stop_str: ['<|endofblock|>', '<|endofmessage|>'] },
    tokenizer_files: ['tokenizer.json'],
    ...over,
  });
const manifest = JSON.stringify({
  records: [
    { dataPath: 'params_shard_0.bin', nbytes: 100 },
    { dataPath: 'params_shard_1.bin', nbytes: 50 },
  ],
});
const mlcFiles = {
  'mlc-chat-config.json': chatConfig(),
  'tensor-cache.json': manifest,
  'params_shard_0.bin': 100,
  'params_shard_1.bin': 50,
  'tokenizer.json': mathcoderTokenizer,
  'MathCoder-CL-7B-q4f16_1-webgpu.wasm': 2000,
};

function gguf(tokens: readonly string[], splitCount?: number) {
  return writeGguf(
    [
      ['general.architecture', { type: 'string', value: 'llama' }],
      ...(splitCount ? [['split.count', { type: 'u32', value: splitCount }] as const] : []),
      ['tokenizer.ggml.tokens', { type: 'strings', value: tokens }],
    ],
    [],
  );
}
const mathcoderVocab = ['<unk>', '<s>', '</s>', ...MATHCODER_ADDED_TOKENS];

describe('inspectModelFolder', () => {
  it('describes a complete MathCoder MLC folder as a valid models.json entry with every file and size', async () => {
    const report = await inspectModelFolder(memoryFolder('MathCoder-CL-7B-q4f16_1-MLC', mlcFiles));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.entry).toMatchObject({
      id: 'MathCoder-CL-7B-q4f16_1-MLC',
      format: 'mlc',
      quantization: 'q4f16_1',
      modelLib: 'MathCoder-CL-7B-q4f16_1-webgpu.wasm',
      requiredFeatures: ['shader-f16'],
    });
    expect(report.entry!.files.map((f) => [f.path, f.bytes])).toContainEqual([
      'params_shard_1.bin',
      50,
    ]);
    expect(parseModelList({ version: 1, models: [report.entry] }).problems).toEqual([]);
  });

  it('says what an MLC folder lacks', async () => {
    const broken = {
      ...mlcFiles,
      'mlc-chat-config.json': chatConfig({
        conv_template: { stop_str: ['</s>'] },
        vocab_size: 32000,
      }),
      'params_shard_1.bin': 20,
      'tokenizer.json': JSON.stringify({ added_tokens: [] }),
    } as Record<string, string | number>;
    delete broken['MathCoder-CL-7B-q4f16_1-webgpu.wasm'];
    const report = await inspectModelFolder(memoryFolder('m', broken));
    expect(report.entry).toBeNull();
    expect(report.errors).toEqual([
      'params_shard_1.bin is 20 bytes, but tensor-cache.json says 50: it is incomplete.',
      'The WebGPU model library (a .wasm file from mlc_llm compile --device webgpu) is missing.',
      'conv_template.stop_str in mlc-chat-config.json lacks <|endofblock|> and <|endofmessage|>: add them (and their ids to stop_token_ids).',
      `tokenizer.json lacks MathCoder's added tokens ${MATHCODER_ADDED_TOKENS.join(' ')}.`,
    ]);
    expect(report.warnings[0]).toMatch(/vocab_size is 32000/);
  });

  it('refuses a MathCoder MLC folder read through tokenizer.model or with its tokens not one id each', async () => {
    const sentencePiece = {
      ...mlcFiles,
      'mlc-chat-config.json': chatConfig({ tokenizer_files: ['tokenizer.model'] }),
      'tokenizer.model': 500,
    } as Record<string, string | number>;
    delete sentencePiece['tokenizer.json'];
    const alone = await inspectModelFolder(memoryFolder('m', sentencePiece));
    expect(alone.entry).toBeNull();
    expect(alone.errors).toEqual([
      expect.stringMatching(/^tokenizer\.json is missing: tokenizer\.model alone lacks/),
    ]);

    const shared = JSON.stringify({
      added_tokens: MATHCODER_ADDED_TOKENS.map((content, i) => ({
        id: i < 2 ? 32000 : 32000 + i,
        content,
      })),
    });
    const outside = JSON.stringify({
      added_tokens: MATHCODER_ADDED_TOKENS.map((content, i) => ({ id: 32020 + i, content })),
    });
    for (const tokenizer of [shared, outside]) {
      const report = await inspectModelFolder(
        memoryFolder('m', { ...mlcFiles, 'tokenizer.json': tokenizer }),
      );
      expect(report.errors).toEqual([
        expect.stringMatching(
          /^tokenizer\.json does not give each of MathCoder's tokens one id below vocab_size/,
        ),
      ]);
    }
  });

  it('takes both MathCoder vocabularies without a warning: L (32000 + 8) and CL (32016 + 8)', async () => {
    for (const vocab_size of [32008, 32024]) {
      const files = { ...mlcFiles, 'mlc-chat-config.json': chatConfig({ vocab_size }) };
      expect((await inspectModelFolder(memoryFolder('m', files))).warnings).toEqual([]);
    }
    const files = { ...mlcFiles, 'mlc-chat-config.json': chatConfig({ vocab_size: 32016 }) };
    expect((await inspectModelFolder(memoryFolder('m', files))).warnings).toEqual([
      expect.stringMatching(
        /vocab_size is 32016; MathCoder-L-7B has 32008 .* MathCoder-CL-7B 32024/,
      ),
    ]);
  });

  it('checks rope_theta against the source config and names an old ndarray-cache.json build', async () => {
    const stock = {
      ...mlcFiles,
      'mlc-chat-config.json': chatConfig({ model_config: { rope_theta: 1000000 } }),
    };
    const alone = await inspectModelFolder(memoryFolder('m', stock));
    expect(alone.warnings).toEqual([
      expect.stringMatching(/rope_theta is 1000000; MathCoder-CL-7B's own config says 10000/),
    ]);
    const compared = await inspectModelFolder(memoryFolder('m', stock), {
      sourceConfig: { rope_theta: 10000, vocab_size: 32024 },
    });
    expect(compared.errors).toEqual([
      'rope_theta is 1000000 in mlc-chat-config.json but 10000 in the source config.json: fix model_config.rope_theta.',
    ]);
    const old = { ...mlcFiles, 'ndarray-cache.json': manifest } as Record<string, string | number>;
    delete old['tensor-cache.json'];
    expect((await inspectModelFolder(memoryFolder('m', old))).errors[0]).toMatch(
      /ndarray-cache\.json from an older mlc_llm/,
    );
  });

  it('describes split GGUF parts in order, inside a picked folder', async () => {
    const report = await inspectModelFolder(
      memoryFolder('picked', {
        'MathCoder-L-7B/m.Q4_K_M-00002-of-00002.gguf': 300,
        'MathCoder-L-7B/m.Q4_K_M-00001-of-00002.gguf': gguf(mathcoderVocab, 2),
        'MathCoder-L-7B/README.md': 'notes',
      }),
    );
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual(['Not part of the model, left out: README.md.']);
    expect(report.entry).toMatchObject({ format: 'gguf', quantization: 'Q4_K_M', id: 'picked' });
    expect(report.entry!.files.map((f) => f.path)).toEqual([
      'm.Q4_K_M-00001-of-00002.gguf',
      'm.Q4_K_M-00002-of-00002.gguf',
    ]);
  });

  it('refuses a part count mismatch, a part over 2 GB, a vocabulary without MathCoder tokens, and other files', async () => {
    const report = await inspectModelFolder(
      memoryFolder('g', { 'a-00001.gguf': gguf(['<unk>', '<s>'], 3), 'a-00002.gguf': 3e9 }),
    );
    expect(report.entry).toBeNull();
    expect(report.errors).toEqual([
      'a-00002.gguf is 3.00 GB; a browser cannot hold a file over 2 GB. Split it: llama-gguf-split --split-max-size 512M.',
      'a-00001.gguf says the model has 3 part(s), but the folder has 2 .gguf file(s).',
      `The GGUF vocabulary lacks MathCoder's tokens ${MATHCODER_ADDED_TOKENS.join(' ')}: this is not a MathCoder conversion.`,
    ]);
    const none = await inspectModelFolder(memoryFolder('photos', { 'a.jpg': 10 }));
    expect(none.errors[0]).toMatch(/photos holds neither an MLC model .* nor GGUF files/);
  });
});
