// Whether a model can run on this device and where it comes from, and which one to preselect: pure, so the
// rules are tested without a browser.
import type { ModelOption } from './catalog';

export interface DeviceCapabilities {
  /** A WebGPU adapter WebLLM can use. */
  webgpu: boolean;
  shaderF16: boolean;
  /** navigator.deviceMemory (GB, rounded down, at most 8 in Chrome); null where the browser does not say. */
  memoryGB: number | null;
  /** navigator.hardwareConcurrency; null where the browser does not say. */
  cores?: number | null;
  /** Browser storage left (navigator.storage.estimate(): quota less usage), MB; null where the browser does not say. */
  storageFreeMB?: number | null;
}

/** What this browser knows of one model: whether its files are stored whole, and its decode speed measured here. */
export interface ModelHere {
  stored?: boolean;
  /** Bytes of it already in browser storage (a download cut short keeps its pieces). */
  storedBytes?: number;
  /** Tokens/s measured on this device for the runtime it would use here. */
  tokensPerSecond?: number | null;
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

const gb = (mb: number) => `${(mb / 1024).toFixed(1)} GB`;

// A 7B on llama.cpp's CPU build decodes at 0.3 tokens/s on 2 cores (npm run bench:scale): a 300-token solution takes
// 17 minutes. Below 1 token/s (5 minutes a solution) a 7B on the CPU is slow enough that the 1.5B rung comes first.
const SLOW_TOKENS_PER_SECOND = 1;
const SEVEN_B_MB = 3000;

/** Whether the model would run on llama.cpp's CPU build here. */
export const runsOnCpu = (option: ModelOption, device: DeviceCapabilities) =>
  option.backend === 'wllama' && !device.webgpu;

export function deviceFit(
  option: ModelOption,
  device: DeviceCapabilities,
  here: ModelHere = {},
): DeviceFit {
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
  const space = device.storageFreeMB;
  const toFetchMB = option.approxDownloadMB - (here.storedBytes ?? 0) / 1e6;
  if (!here.stored && space != null && option.source !== 'folder' && toFetchMB > space) {
    return {
      level: 'no',
      words: `needs ${gb(toFetchMB)} more of browser storage, about ${gb(space)} is left`,
    };
  }
  const memory = device.memoryGB;
  if (memory !== null && memory < DEVICE_MEMORY_CAP_GB && needMB > memory * 1024) {
    return {
      level: 'warn',
      words: `may not fit: needs about ${gb(needMB)}, this device has about ${memory} GB`,
    };
  }
  const speed = here.tokensPerSecond;
  const slowHere = speed != null && speed < SLOW_TOKENS_PER_SECOND;
  const bigOnCpu = runsOnCpu(option, device) && option.approxDownloadMB > SEVEN_B_MB;
  if (slowHere || (speed == null && bigOnCpu)) {
    const cores = device.cores ? `${device.cores} cores, ` : '';
    return {
      level: 'warn',
      words: slowHere
        ? `may not fit: it writes ${speed.toFixed(1)} tokens/s here, a typical solution takes over 5 minutes`
        : `may not fit: without WebGPU (${cores}CPU only) a 7B writes well under 1 token/s, a typical solution takes 15 minutes or more`,
    };
  }
  return { level: 'ok' };
}

const isMathCoder = (m: ModelOption) => m.formatId === 'mathcoder' && m.source !== 'test';

/**
 * The model to preselect: the test model when the page asked for one; else the first of these that fits this
 * device: a MathCoder on this site whose files answer or in a stored folder, a MathCoder from a model hub,
 * Qwen2.5-Math from WebLLM's list; else a model that may run here, else the first.
 */
export function chooseDefaultModel(
  options: readonly ModelOption[],
  probes: ReadonlyMap<string, FileProbe>,
  device: DeviceCapabilities,
  here: ReadonlyMap<string, ModelHere> = new Map(),
): ModelOption | undefined {
  const test = options.find((m) => m.source === 'test');
  if (test) return test;
  const fits = options.map((m) => ({ m, level: deviceFit(m, device, here.get(m.id)).level }));
  const fitting = fits.filter((f) => f.level === 'ok').map((f) => f.m);
  const runnable = fits.filter((f) => f.level !== 'no').map((f) => f.m);
  const preferred: Array<(m: ModelOption) => boolean> = [
    (m) =>
      isMathCoder(m) &&
      ((m.source === 'site' && probes.get(m.id) === 'present') || m.source === 'folder'),
    (m) => isMathCoder(m) && m.source === 'hub',
    (m) => m.source === 'webllm' && m.formatId === 'qwen-tir',
    // The small rung on llama.cpp: the one tool-using model a CPU runs at a usable speed.
    (m) => m.source === 'hub' && m.formatId === 'qwen-tir',
  ];
  for (const rung of preferred) {
    const found = fitting.find(rung);
    if (found) return found;
  }
  // Nothing known to load: a model that may run, one whose files are not known to be missing first.
  const notMissing = (m: ModelOption) => m.source !== 'site' || probes.get(m.id) !== 'missing';
  return runnable.find(notMissing) ?? runnable[0] ?? options[0];
}

/** What the list says beside every model: "fits", "may not fit: …" or "cannot run here: …". */
export function modelNote(
  option: ModelOption,
  probe: FileProbe | undefined,
  device: DeviceCapabilities,
  here: ModelHere = {},
): string {
  const fit = deviceFit(option, device, here);
  if (fit.level === 'no') return `cannot run here: ${fit.words}`;
  if (probe === 'missing') return 'its files are not on this site';
  return fit.level === 'warn' ? fit.words : 'fits';
}
