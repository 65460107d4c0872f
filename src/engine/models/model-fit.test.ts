import { describe, expect, it } from 'vitest';
import { listModels, testModel, type FolderModel, type ModelOption } from './catalog';
import {
  chooseDefaultModel,
  deviceFit,
  modelNote,
  type DeviceCapabilities,
  type FileProbe,
} from './model-fit';

const gpuF16: DeviceCapabilities = { webgpu: true, shaderF16: true, memoryGB: 8 };
const gpuNoF16: DeviceCapabilities = { webgpu: true, shaderF16: false, memoryGB: 8 };
const noGpu: DeviceCapabilities = { webgpu: false, shaderF16: false, memoryGB: 8 };

const catalog = listModels();
const byId = (id: string) => catalog.find((m) => m.id === id)!;
const MC_F16 = 'MathCoder-CL-7B-q4f16_1-MLC';
const MC_F32 = 'MathCoder-CL-7B-q4f32_1-MLC';
const MC_GGUF = 'MathCoder-L-7B-Q4_0-GGUF';
const QWEN_F16 = 'Qwen2.5-Math-1.5B-Instruct-q4f16_1-MLC';
const QWEN_F32 = 'Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC';
const QWEN_GGUF = 'Qwen2.5-Math-1.5B-Instruct-Q4_K_M-hub';

/** Every self-hosted model of the catalog answered `probe` (404 on a fresh clone). */
function probesAll(probe: FileProbe, options: readonly ModelOption[] = catalog) {
  return new Map(options.filter((m) => m.source === 'site').map((m) => [m.id, probe]));
}

const hubMathCoder = byId('MathCoder-L-7B-Q4_0-hub');
/** A deployment without the hub models (its own list only). */
const withoutHub = catalog.filter((m) => m.source !== 'hub');

/** `id` as if added from a folder: the catalog's GGUF build, its files stored in this browser. */
function fromFolder(id: string): FolderModel {
  const site = byId(MC_GGUF);
  if (site.source !== 'site') throw new Error(`${MC_GGUF} is not on this site`);
  return { ...site, id, source: 'folder', modelDir: `http://app.test/local-models/${id}/` };
}

describe('model sources', () => {
  it('says where each kind of model comes from', () => {
    expect(byId(MC_F16).source).toBe('site');
    expect(byId(QWEN_F16).source).toBe('webllm');
    expect(testModel('http://app.test/t.gguf').source).toBe('test');
    expect(fromFolder(MC_GGUF).source).toBe('folder');
    expect(hubMathCoder.source).toBe('hub');
  });
});

describe('deviceFit', () => {
  it('refuses WebLLM builds without WebGPU and f16 builds without shader-f16', () => {
    expect(deviceFit(byId(QWEN_F32), noGpu)).toMatchObject({ level: 'no', words: /WebGPU/ });
    expect(deviceFit(byId(MC_F16), gpuNoF16)).toMatchObject({ level: 'no', words: /shader-f16/ });
    expect(deviceFit(byId(MC_F32), gpuNoF16)).toEqual({ level: 'ok' });
    expect(deviceFit(byId(MC_F16), gpuF16)).toEqual({ level: 'ok' });
  });

  it('lets llama.cpp run a 7B Q4_0 on the CPU, and warns where the weights leave no room for a context', () => {
    // Measured at full size: the Q4_0 loads with the 2048-token context; a 4.08 GB Q4_K_M loads with none.
    expect(deviceFit(byId(MC_GGUF), gpuNoF16)).toEqual({ level: 'ok' });
    expect(deviceFit(hubMathCoder, noGpu, { tokensPerSecond: 2 })).toEqual({ level: 'ok' });
    const q4km = { ...byId(MC_GGUF), quantization: 'Q4_K_M', approxDownloadMB: 4080 };
    for (const device of [noGpu, gpuNoF16]) {
      expect(deviceFit(q4km, device)).toMatchObject({
        level: 'warn',
        words: /4\.0 GB of weights leave llama\.cpp no room for a context in the 4 GiB/,
      });
    }
    expect(deviceFit(testModel('http://app.test/t.gguf'), noGpu)).toEqual({ level: 'ok' });
  });

  it('warns when the device reports less memory than the model needs', () => {
    const small = { ...gpuNoF16, memoryGB: 4 };
    expect(deviceFit(byId(MC_F32), small)).toMatchObject({ level: 'warn', words: /4 GB/ });
    expect(deviceFit(byId(QWEN_F32), small)).toEqual({ level: 'ok' });
    expect(deviceFit(byId(MC_F32), { ...gpuNoF16, memoryGB: null })).toEqual({ level: 'ok' });
  });
});

describe('chooseDefaultModel', () => {
  it('takes MathCoder from the hub when no files answer on the site (a fresh clone)', () => {
    expect(chooseDefaultModel(catalog, probesAll('missing'), gpuF16)?.id).toBe(hubMathCoder.id);
    expect(chooseDefaultModel(catalog, probesAll('missing'), gpuNoF16)?.id).toBe(hubMathCoder.id);
  });

  it('takes Qwen2.5-Math from WebLLM when no MathCoder can load', () => {
    expect(chooseDefaultModel(withoutHub, probesAll('missing'), gpuF16)?.id).toBe(QWEN_F16);
    expect(chooseDefaultModel(withoutHub, probesAll('missing'), gpuNoF16)?.id).toBe(QWEN_F32);
  });

  it('takes a self-hosted MathCoder whose files answer, in the build this GPU can run', () => {
    expect(chooseDefaultModel(catalog, probesAll('present'), gpuF16)?.id).toBe(MC_F16);
    expect(chooseDefaultModel(catalog, probesAll('present'), gpuNoF16)?.id).toBe(MC_F32);
    const onlyGguf = new Map([...probesAll('missing'), [MC_GGUF, 'present' as const]]);
    expect(chooseDefaultModel(catalog, onlyGguf, gpuF16)?.id).toBe(MC_GGUF);
  });

  it('does not trust a self-hosted model whose server gave no answer', () => {
    expect(chooseDefaultModel(withoutHub, probesAll('unknown'), gpuF16)?.id).toBe(QWEN_F16);
  });

  it('takes a MathCoder from a stored folder without asking the server', () => {
    const folder = fromFolder('my-mathcoder');
    const options = [...catalog, folder];
    expect(chooseDefaultModel(options, probesAll('missing'), gpuNoF16)?.id).toBe('my-mathcoder');
  });

  it('takes MathCoder from the hub before Qwen, but after one this site serves', () => {
    expect(chooseDefaultModel(catalog, probesAll('missing'), gpuNoF16)?.id).toBe(hubMathCoder.id);
    expect(chooseDefaultModel(catalog, probesAll('present'), gpuNoF16)?.id).toBe(MC_F32);
  });

  it('prefers a model that fits to a MathCoder that may not', () => {
    const small = { ...gpuNoF16, memoryGB: 4 };
    expect(chooseDefaultModel(catalog, probesAll('present'), small)?.id).toBe(QWEN_F32);
    // On the CPU only llama.cpp runs, and a 7B there is slow: the 1.5B rung, unless the 7B was measured fast here.
    expect(chooseDefaultModel(catalog, probesAll('missing'), noGpu)?.id).toBe(QWEN_GGUF);
    const fast = new Map([[hubMathCoder.id, { tokensPerSecond: 1.5 }]]);
    expect(chooseDefaultModel(catalog, probesAll('missing'), noGpu, fast)?.id).toBe(
      hubMathCoder.id,
    );
  });

  it('without WebGPU offers what can run on the CPU, and the test model when the page asks', () => {
    // No 1.5B rung in this list: the 7B that may be slow is still better than nothing.
    expect(chooseDefaultModel(withoutHub, probesAll('missing'), noGpu)?.id).toBe(MC_GGUF);
    const test = testModel('http://app.test/t.gguf');
    expect(chooseDefaultModel([test, ...catalog], probesAll('present'), gpuF16)).toBe(test);
  });
});

describe('modelNote', () => {
  it('says for every model whether it fits, may not fit, or cannot run here, and why', () => {
    expect(modelNote(byId(MC_F16), 'present', gpuNoF16)).toBe(
      'cannot run here: needs shader-f16, which this GPU lacks',
    );
    expect(modelNote(byId(MC_F32), 'missing', gpuNoF16)).toBe('its files are not on this site');
    expect(modelNote(byId(QWEN_F32), undefined, gpuNoF16)).toBe('fits');
    expect(modelNote(hubMathCoder, undefined, { ...noGpu, cores: 2 })).toBe(
      'may not fit: without WebGPU (2 cores, CPU only) a 7B writes well under 1 token/s, a typical solution takes 15 minutes or more',
    );
    expect(modelNote(hubMathCoder, undefined, gpuF16, { tokensPerSecond: 0.3 })).toBe(
      'may not fit: it writes 0.3 tokens/s here, a typical solution takes over 5 minutes',
    );
    expect(modelNote(hubMathCoder, undefined, { ...gpuF16, storageFreeMB: 1200 })).toBe(
      'cannot run here: needs 3.7 GB more of browser storage, about 1.2 GB is left',
    );
    // A download cut short keeps its pieces: only the rest needs room.
    const partial = { storedBytes: 3e9 };
    expect(modelNote(hubMathCoder, undefined, { ...gpuF16, storageFreeMB: 1200 }, partial)).toBe(
      'fits',
    );
  });
});

describe('the ladder on each kind of device', () => {
  const rung = (device: DeviceCapabilities) =>
    chooseDefaultModel(catalog, probesAll('missing'), device)?.id;
  const roomy = { cores: 8, storageFreeMB: 50_000 };

  it.each([
    ['no WebGPU, 4 GB', { ...noGpu, ...roomy, memoryGB: 4 }, QWEN_GGUF],
    ['no WebGPU, 8+ GB', { ...noGpu, ...roomy, memoryGB: 8 }, QWEN_GGUF],
    ['no WebGPU, memory not said', { ...noGpu, ...roomy, memoryGB: null }, QWEN_GGUF],
    ['WebGPU without shader-f16, 8 GB', { ...gpuNoF16, ...roomy }, hubMathCoder.id],
    ['WebGPU with shader-f16, 8 GB', { ...gpuF16, ...roomy }, hubMathCoder.id],
    ['WebGPU with shader-f16, 4 GB', { ...gpuF16, ...roomy, memoryGB: 4 }, QWEN_F16],
    ['WebGPU without shader-f16, 4 GB', { ...gpuNoF16, ...roomy, memoryGB: 4 }, QWEN_F32],
    ['WebGPU, 2 GB of storage left', { ...gpuF16, ...roomy, storageFreeMB: 2000 }, QWEN_F16],
    ['no WebGPU, 2 GB of storage left', { ...noGpu, ...roomy, storageFreeMB: 2000 }, QWEN_GGUF],
  ] as const)('%s → %s', (_, device, expected) => {
    expect(rung(device)).toBe(expected);
  });

  it('keeps a stored 7B when storage is full, since it needs no more space', () => {
    const full = { ...gpuF16, storageFreeMB: 100 };
    const here = new Map([[hubMathCoder.id, { stored: true }]]);
    expect(chooseDefaultModel(catalog, probesAll('missing'), full, here)?.id).toBe(hubMathCoder.id);
    expect(deviceFit(byId(QWEN_GGUF), full)).toMatchObject({ level: 'no', words: /storage/ });
  });
});
