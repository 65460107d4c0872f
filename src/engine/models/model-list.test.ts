import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listModels, type ModelOption, type SiteModel } from './catalog';
import { fetchModelList, mergeModelList, parseModelList } from './model-list';

/** The GGUF parts an option lists, whatever its kind (none for a hub model). */
const partsOf = (m?: ModelOption) => (m && 'ggufParts' in m ? m.ggufParts : undefined);

/** A hub entry's source: its repository and hub, or its size and checksum at a URL. */
function hubFields(m: ModelOption) {
  if (m.source !== 'hub') throw new Error(`${m.id} is not a hub model`);
  return m.hubModel
    ? [m.id, m.hubModel, m.hubUrl, undefined]
    : [m.id, undefined, undefined, m.ggufFile];
}

const gguf = {
  id: 'Tiny-GGUF',
  label: 'Tiny',
  format: 'gguf',
  quantization: 'Q8_0',
  files: [
    { path: 'tiny-00001-of-00002.gguf', bytes: 1000 },
    { path: 'tiny-00002-of-00002.gguf', bytes: 500 },
  ],
};
const mlc = {
  id: 'Tiny-MLC',
  format: 'mlc',
  promptFormat: 'qwen-tir',
  quantization: 'q4f32_1',
  files: [
    { path: 'mlc-chat-config.json' },
    { path: 'tensor-cache.json' },
    { path: 'tokenizer.json' },
    { path: 'lib/tiny-webgpu.wasm' },
  ],
};

describe('models.json', () => {
  it('turns valid entries into catalog options served from public/models/<id>/', () => {
    const { models, problems } = parseModelList({ version: 1, models: [gguf, mlc] });
    expect(problems).toEqual([]);
    expect(models[0]).toMatchObject({
      id: 'Tiny-GGUF',
      backend: 'wllama',
      formatId: 'mathcoder',
      quantization: 'Q8_0',
      approxDownloadMB: 0.0015,
      source: 'site',
      ggufParts: [
        { file: 'tiny-00001-of-00002.gguf', sizeBytes: 1000 },
        { file: 'tiny-00002-of-00002.gguf', sizeBytes: 500 },
      ],
      contextLength: 2048,
    });
    expect(models[1]).toMatchObject({
      id: 'Tiny-MLC',
      label: 'Tiny-MLC',
      backend: 'webllm',
      formatId: 'qwen-tir',
      modelLibFile: 'lib/tiny-webgpu.wasm',
      approxDownloadMB: 0,
    });
  });

  it('reads a one-file GGUF on a hub or mirror by its url, and a mirror for the built-in hub models', () => {
    const url = 'https://hf.school.example/owner/m-GGUF/resolve/main/m.Q4_K_M.gguf';
    const remote = { id: 'Remote', format: 'gguf', quantization: 'Q4_K_M', url };
    const { models, problems, hubUrl } = parseModelList({
      version: 1,
      hub: 'https://hf.school.example/',
      models: [
        remote,
        { ...remote, id: 'Both', files: [{ path: 'm.gguf' }] },
        { ...remote, id: 'NotGguf', url: 'https://hf.school.example/m.bin' },
        { ...remote, id: 'Script', url: 'javascript:alert(1)' },
        { ...mlc, id: 'MlcUrl', url },
      ],
    });
    expect(hubUrl).toBe('https://hf.school.example/');
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({
      id: 'Remote',
      backend: 'wllama',
      ggufUrl: url,
      source: 'hub',
    });
    expect('ggufParts' in models[0]!, 'a one-file GGUF is one download, not parts').toBe(false);
    expect(problems).toEqual([
      'models.json entry 2 (Both) was skipped: an entry has one of url, hf or files.',
      'models.json entry 3 (NotGguf) was skipped: url must name a .gguf file.',
      'models.json entry 4 (Script) was skipped: url must be an absolute http(s) address.',
      'models.json entry 5 (MlcUrl) was skipped: url and hf are for GGUF models only.',
    ]);
    expect(parseModelList({ version: 1, hub: 'file:///x', models: [] }).problems).toEqual([
      "models.json's hub was ignored: hub must be an absolute http(s) address.",
    ]);
  });

  it('reads a hub model by owner/repo:QUANT, and a mirror file with its size and sha256', () => {
    const sha256 = 'ab'.repeat(32);
    const url = 'https://files.school.example/m.Q4_0.gguf';
    const { models, problems } = parseModelList({
      version: 1,
      models: [
        { id: 'Hf', format: 'gguf', quantization: 'Q4_0', hf: 'owner/m-GGUF:q4_0' },
        { id: 'Mirror', format: 'gguf', quantization: 'Q4_0', url, bytes: 1000, sha256 },
        { id: 'NoTag', format: 'gguf', quantization: 'Q4_0', hf: 'owner/m-GGUF' },
        { id: 'HalfKnown', format: 'gguf', quantization: 'Q4_0', url, bytes: 1000 },
        { id: 'BadSha', format: 'gguf', quantization: 'Q4_0', url, bytes: 1, sha256: 'x' },
      ],
    });
    expect(models.map(hubFields)).toEqual([
      ['Hf', { repo: 'owner/m-GGUF', tag: 'q4_0' }, 'https://huggingface.co', undefined],
      ['Mirror', undefined, undefined, { size: 1000, sha256 }],
    ]);
    expect(models.every((m) => m.source === 'hub')).toBe(true);
    expect(problems).toEqual([
      'models.json entry 3 (NoTag) was skipped: hf "owner/m-GGUF" names no quantization: add one after a colon, as in owner/m-GGUF:Q4_0.',
      'models.json entry 4 (HalfKnown) was skipped: bytes and sha256 go together.',
      'models.json entry 5 (BadSha) was skipped: sha256 must be 64 hexadecimal digits.',
    ]);
  });

  it('reads a split GGUF listed by its first part alone, the others named after it', () => {
    const nine = { ...gguf, id: 'Nine', files: [{ path: 'm.Q4_K_M-00001-of-00009.gguf' }] };
    const { models, problems } = parseModelList({ version: 1, models: [nine] });
    expect(problems).toEqual([]);
    expect(partsOf(models[0])?.map((p) => p.file)).toEqual(
      Array.from({ length: 9 }, (_, i) => `m.Q4_K_M-0000${i + 1}-of-00009.gguf`),
    );
    // The size of the other parts is unknown until they are downloaded.
    expect(models[0]?.approxDownloadMB).toBe(0);
  });

  it('lists the built-in GGUF entry by its first part, as the catalog does', () => {
    const list = JSON.parse(readFileSync('public/models/models.json', 'utf8')) as unknown;
    const fromList = parseModelList(list).models.find((m) => m.backend === 'wllama');
    const builtIn = listModels().find((m) => m.id === fromList?.id);
    expect(partsOf(fromList)).toHaveLength(8);
    expect(partsOf(fromList)).toEqual(partsOf(builtIn));
  });

  it('skips each invalid entry with a reason and keeps the rest', () => {
    const bad = [
      { ...gguf, id: '../escape' },
      { ...gguf, id: 'A', format: 'onnx' },
      { ...gguf, id: 'B', files: [{ path: '/etc/passwd.gguf' }] },
      { ...gguf, id: 'C', files: [{ path: 'x/../y.gguf' }] },
      { ...gguf, id: 'D', files: [{ path: 'model.bin' }] },
      { ...gguf, id: 'E', files: [{ path: 'a.gguf', bytes: -3 }] },
      { ...mlc, id: 'F', files: [{ path: 'mlc-chat-config.json' }, { path: 'tokenizer.json' }] },
      { ...mlc, id: 'G', files: mlc.files.slice(0, 3) },
      { ...gguf, id: 'H', promptFormat: 'chatml' },
      { ...gguf, id: 'Tiny-GGUF' },
      'not an object',
      gguf,
    ];
    const { models, problems } = parseModelList({ version: 1, models: [gguf, ...bad] });
    expect(models.map((m) => m.id)).toEqual(['Tiny-GGUF']);
    expect(problems).toEqual([
      'models.json entry 2 (../escape) was skipped: id may hold only letters, digits, ".", "_" and "-" (it names the folder).',
      'models.json entry 3 (A) was skipped: format must be "mlc" or "gguf".',
      "models.json entry 4 (B) was skipped: files[0].path must be a path inside the model's folder.",
      'models.json entry 5 (C) was skipped: files[0].path must not contain "..", "." or empty parts.',
      'models.json entry 6 (D) was skipped: model.bin is not a .gguf file.',
      'models.json entry 7 (E) was skipped: files[0].bytes must be a positive whole number.',
      'models.json entry 8 (F) was skipped: an MLC model needs tensor-cache.json in files.',
      'models.json entry 9 (G) was skipped: an MLC model needs its WebGPU library (.wasm) in files, named by modelLib.',
      'models.json entry 10 (H) was skipped: promptFormat must be one of mathcoder, qwen-tir.',
      'models.json entry 11 (Tiny-GGUF) was skipped: the same id appears earlier in the list.',
      'models.json entry 12 was skipped: an entry must be an object.',
      'models.json entry 13 (Tiny-GGUF) was skipped: the same id appears earlier in the list.',
    ]);
  });

  it('reports a file that is not a model list at all', () => {
    expect(parseModelList([1, 2])).toEqual({
      models: [],
      problems: ['models.json must be an object with a "models" list.'],
    });
    expect(parseModelList({ version: 2, models: [] }).problems[0]).toMatch(/version 2/);
  });

  it('merges over the built-in models by id and adds the others', () => {
    const builtIn = listModels();
    const { models } = parseModelList({
      version: 1,
      models: [
        {
          id: 'MathCoder-L-7B-Q4_0-GGUF',
          format: 'gguf',
          quantization: 'Q4_K_M',
          files: [
            { path: 'a-00001-of-00002.gguf', bytes: 2e9 },
            { path: 'a-00002-of-00002.gguf', bytes: 1e9 },
          ],
        },
        gguf,
      ],
    });
    const merged = mergeModelList(builtIn, models);
    expect(merged.map((m) => m.id)).toEqual([...builtIn.map((m) => m.id), 'Tiny-GGUF']);
    const mathcoder = merged.find((m) => m.id === 'MathCoder-L-7B-Q4_0-GGUF')!;
    expect(mathcoder.label).toBe(builtIn.find((m) => m.id === mathcoder.id)!.label);
    expect(partsOf(mathcoder)?.map((p) => p.sizeBytes)).toEqual([2e9, 1e9]);
    expect(mathcoder.approxDownloadMB).toBe(3000);
  });

  it('the committed public/models/models.json is valid and describes the built-in self-hosted models', () => {
    const json: unknown = JSON.parse(
      readFileSync(new URL('../../../public/models/models.json', import.meta.url), 'utf8'),
    );
    const { models, problems } = parseModelList(json);
    expect(problems).toEqual([]);
    const selfHosted = listModels().filter((m): m is SiteModel => m.source === 'site');
    expect(models.map((m) => m.id)).toEqual(selfHosted.map((m) => m.id));
    for (const listed of models) {
      const built = selfHosted.find((m) => m.id === listed.id)!;
      expect([listed.backend, listed.quantization, listed.requiredFeatures]).toEqual([
        built.backend,
        built.quantization,
        built.requiredFeatures,
      ]);
      if (built.modelLibFile) expect(listed).toMatchObject({ modelLibFile: built.modelLibFile });
      if (built.ggufParts) {
        expect(partsOf(listed)?.map((p) => p.file)).toEqual(built.ggufParts.map((p) => p.file));
      }
    }
  });

  it('reads nothing and says nothing when a deployment has no models.json, and names an unreadable one', async () => {
    const notFound = (async () => new Response('', { status: 404 })) as unknown as typeof fetch;
    expect(await fetchModelList('https://x.test/app/', notFound)).toEqual({
      models: [],
      problems: [],
    });
    const html = (async () =>
      new Response('<!doctype html>', { status: 200 })) as unknown as typeof fetch;
    const result = await fetchModelList('https://x.test/app/', html);
    expect(result.problems[0]).toMatch(
      /^https:\/\/x\.test\/app\/models\/models\.json could not be read/,
    );
  });
});
