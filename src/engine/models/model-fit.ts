// Whether a model can run on this device and where it comes from, and which one to preselect: pure, so the
// rules are tested without a browser.
import type { ModelOption, ModelSource } from './catalog';

export interface DeviceCapabilities {
  /** A WebGPU adapter WebLLM can use. */
  webgpu: boolean;
  shaderF16: boolean;
  /** navigator.deviceMemory (GB, rounded down, at most 8 in Chrome); null where the browser does not say. */
  memoryGB: number | null;
}

/** `ok`: runs here; `warn`: may run but likely not (memory); `no`: cannot run here. */
export type DeviceFit = { level: 'ok' } | { level: 'warn' | 'no'; words: string };

/** What asking for a model's first file found: there, not there, or no answer (offline, unreachable). */
export type FileProbe = 'present' | 'missing' | 'unknown';

// llama.cpp's WebAssembly build keeps the weights in its 4 GiB heap on the CPU and beside WebGPU alike. Measured at
// full size (npm run bench:scale): 3.83 GB of weights (7B Q4_0) load with a 2048-token context, 4.08 GB (Q4_K_M) with none.
const LLAMA_CPP_WEIGHTS_LIMIT_MB = 3950;
// Chrome reports at most 8 GB, so only a smaller figure says the device has less.
const DEVICE_MEMORY_CAP_GB = 8;

export function modelSource(option: ModelOption): ModelSource {
  if (option.source) return option.source;
  if (option.isTestModel) return 'test';
  if (option.isLocal) return 'folder';
  return option.selfHosted ? 'site' : 'webllm';
}

const gb = (mb: number) => `${(mb / 1024).toFixed(1)} GB`;

export function deviceFit(option: ModelOption, device: DeviceCapabilities): DeviceFit {
  if (option.backend === 'webllm' && !device.webgpu) {
    return { level: 'no', words: 'needs WebGPU, which this browser lacks here' };
  }
  const webgpu = option.backend === 'webllm' || device.webgpu;
  if (webgpu && option.requiredFeatures.includes('shader-f16') && !device.shaderF16) {
    return { level: 'no', words: 'needs shader-f16, which this GPU lacks' };
  }
  const needMB = option.approxVramMB || option.approxDownloadMB;
  if (option.backend === 'wllama' && option.approxDownloadMB > LLAMA_CPP_WEIGHTS_LIMIT_MB) {
    return {
      level: 'warn',
      words: `may not fit: its ${gb(option.approxDownloadMB)} of weights leave llama.cpp no room for a context in the 4 GiB it gets in a tab`,
    };
  }
  const memory = device.memoryGB;
  if (memory !== null && memory < DEVICE_MEMORY_CAP_GB && needMB > memory * 1024) {
    return {
      level: 'warn',
      words: `may not fit: needs about ${gb(needMB)}, this device has about ${memory} GB`,
    };
  }
  return { level: 'ok' };
}

const isMathCoder = (m: ModelOption) => m.formatId === 'mathcoder' && !m.isTestModel;

/**
 * The model to preselect: the test model when the page asked for one; else the first of these that fits this
 * device: a MathCoder on this site whose files answer or in a stored folder, a MathCoder from a model hub,
 * Qwen2.5-Math from WebLLM's list; else a model that may run here, else the first.
 */
export function chooseDefaultModel(
  options: readonly ModelOption[],
  probes: ReadonlyMap<string, FileProbe>,
  device: DeviceCapabilities,
): ModelOption | undefined {
  const test = options.find((m) => m.isTestModel);
  if (test) return test;
  const fits = options.map((m) => ({ m, level: deviceFit(m, device).level }));
  const fitting = fits.filter((f) => f.level === 'ok').map((f) => f.m);
  const runnable = fits.filter((f) => f.level !== 'no').map((f) => f.m);
  const preferred: Array<(m: ModelOption) => boolean> = [
    (m) =>
      isMathCoder(m) &&
      ((modelSource(m) === 'site' && probes.get(m.id) === 'present') ||
        modelSource(m) === 'folder'),
    (m) => isMathCoder(m) && modelSource(m) === 'hub',
    (m) => modelSource(m) === 'webllm' && m.formatId === 'qwen-tir',
  ];
  for (const rung of preferred) {
    const found = fitting.find(rung);
    if (found) return found;
  }
  // Nothing known to load: a model that may run, one whose files are not known to be missing first.
  const notMissing = (m: ModelOption) =>
    modelSource(m) !== 'site' || probes.get(m.id) !== 'missing';
  return runnable.find(notMissing) ?? runnable[0] ?? options[0];
}

/** What the list says beside a model that cannot load here, or null when nothing stands in its way. */
export function modelNote(
  option: ModelOption,
  probe: FileProbe | undefined,
  device: DeviceCapabilities,
): string | null {
  const fit = deviceFit(option, device);
  if (fit.level === 'no') return `cannot run here: ${fit.words}`;
  if (probe === 'missing') return 'its files are not on this site';
  return fit.level === 'warn' ? fit.words : null;
}
