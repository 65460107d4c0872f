import type { ModelOption, SiteModel } from '../../engine/models/catalog';
import { expectedSolveTime } from '../../engine/backends/wllama/solve-time';
import type { DecodeSpeeds } from '../../engine/models/decode-speeds';
import {
  chooseDefaultModel,
  modelNote,
  runsOnCpu,
  type DeviceCapabilities,
  type FileProbe,
  type ModelHere,
} from '../../engine/models/model-fit';
import { probeFirstFile } from '../../engine/hub/probe-files';
import type { WebGPUCheck } from '../../engine/webgpu';
import type { StoredState } from '../../ui/state/model-store';

const positive = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;

/**
 * The device facts the rules read: the WebGPU check (an adapter whose buffer limits are too small for WebLLM counts as
 * none), navigator.deviceMemory and hardwareConcurrency, and the storage left from navigator.storage.estimate().
 */
export function deviceCapabilities(
  gpu: WebGPUCheck,
  nav: object | undefined = globalThis.navigator,
  estimate: StorageEstimate | null = null,
): DeviceCapabilities {
  const { deviceMemory, hardwareConcurrency } = (nav ?? {}) as {
    deviceMemory?: unknown;
    hardwareConcurrency?: unknown;
  };
  const quota = positive(estimate?.quota);
  const usage = typeof estimate?.usage === 'number' ? estimate.usage : 0;
  return {
    webgpu: gpu.ok,
    shaderF16: gpu.ok && gpu.shaderF16,
    memoryGB: positive(deviceMemory),
    cores: positive(hardwareConcurrency),
    storageFreeMB: quota === null ? null : Math.max(0, (quota - usage) / 1e6),
  };
}

const storedBytes = (state: StoredState | undefined) =>
  state && 'storedBytes' in state ? state.storedBytes : 0;

/** What this browser knows of each model: stored whole, and its decode speed measured here for the runtime it would use. */
export function modelsHere(
  options: readonly ModelOption[],
  device: DeviceCapabilities,
  stored: Readonly<Record<string, StoredState>>,
  speeds: Pick<DecodeSpeeds, 'get'>,
): Map<string, ModelHere> {
  return new Map(
    options.map((m) => [
      m.id,
      {
        stored: stored[m.id]?.status === 'downloaded',
        storedBytes: storedBytes(stored[m.id]),
        tokensPerSecond: speeds.get(m.id, runsOnCpu(m, device) ? 'cpu' : 'webgpu'),
      },
    ]),
  );
}

/** Asks the site for each of its models' first file at once; a model stored whole in this browser is there. */
export async function probeSiteModels(
  options: readonly ModelOption[],
  baseUrl: string,
  stored: Readonly<Record<string, StoredState>>,
  fetchImpl?: typeof fetch,
): Promise<Map<string, FileProbe>> {
  const site = options.filter((m): m is SiteModel => m.source === 'site');
  const answers = await Promise.all(
    site.map((m) =>
      stored[m.id]?.status === 'downloaded'
        ? ('present' as const)
        : probeFirstFile(m, baseUrl, fetchImpl),
    ),
  );
  return new Map(site.map((m, i) => [m.id, answers[i]!]));
}

export interface ModelFacts {
  /** Per model id, what stands in its way here. */
  notes: Record<string, string>;
  best: ModelOption | undefined;
}

export function modelFacts(
  options: readonly ModelOption[],
  probes: ReadonlyMap<string, FileProbe>,
  device: DeviceCapabilities,
  here: ReadonlyMap<string, ModelHere> = new Map(),
): ModelFacts {
  const notes: Record<string, string> = {};
  for (const m of options) {
    const known = here.get(m.id);
    const note = modelNote(m, probes.get(m.id), device, known);
    const speed = known?.tokensPerSecond;
    notes[m.id] =
      speed && !note.startsWith('cannot') ? `${note}; ${expectedSolveTime(speed)}` : note;
  }
  return { notes, best: chooseDefaultModel(options, probes, device, here) };
}
