import type { ModelOption } from '../../engine/models/catalog';
import {
  chooseDefaultModel,
  modelNote,
  modelSource,
  type DeviceCapabilities,
  type FileProbe,
} from '../../engine/models/model-fit';
import { probeFirstFile } from '../../engine/models/probe-files';
import type { WebGPUCheck } from '../../engine/webgpu';
import type { StoredState } from '../../ui/state/model-store';

export function deviceCapabilities(
  gpu: WebGPUCheck,
  nav: object | undefined = globalThis.navigator,
): DeviceCapabilities {
  const memory = (nav as { deviceMemory?: unknown } | undefined)?.deviceMemory;
  return {
    webgpu: gpu.ok,
    shaderF16: gpu.ok && gpu.shaderF16,
    memoryGB: typeof memory === 'number' && memory > 0 ? memory : null,
  };
}

/** Asks the site for each of its models' first file at once; a model stored whole in this browser is there. */
export async function probeSiteModels(
  options: readonly ModelOption[],
  baseUrl: string,
  stored: Readonly<Record<string, StoredState>>,
  fetchImpl?: typeof fetch,
): Promise<Map<string, FileProbe>> {
  const site = options.filter((m) => modelSource(m) === 'site');
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
): ModelFacts {
  const notes: Record<string, string> = {};
  for (const m of options) {
    const note = modelNote(m, probes.get(m.id), device);
    if (note) notes[m.id] = note;
  }
  return { notes, best: chooseDefaultModel(options, probes, device) };
}
