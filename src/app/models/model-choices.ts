import { chooseVariant, type ModelOption, type ModelSource } from '../../engine/models/catalog';
import { hubModelName } from '../../engine/models/hub-model';
import { modelSource } from '../../engine/models/model-fit';
import type { ModelChoice } from '../../ui/state/model-store';

const ORIGINS: Record<ModelSource, string> = {
  site: "from this site's models/ folder",
  folder: 'from a folder stored in this browser',
  webllm: "from WebLLM's list (Hugging Face)",
  hub: 'from the model hub',
  test: 'built-in test model',
};

/** Where the files come from; a hub model names the host that will really serve it (a mirror when one is set). */
function origin(option: ModelOption): string {
  if (option.hubModel && option.hubUrl) {
    return `from ${new URL(option.hubUrl).host} (${hubModelName(option.hubModel)})`;
  }
  if (!option.ggufUrl) return ORIGINS[modelSource(option)];
  return `from ${new URL(option.ggufUrl).host}`;
}

export function toModelChoice(option: ModelOption): ModelChoice {
  const f32 = option.backend === 'webllm' ? chooseVariant(option, { shaderF16: false }) : option;
  return {
    id: option.id,
    label: option.label,
    sizeBytes: option.approxDownloadMB * 1e6,
    f32VariantId: f32.id !== option.id ? f32.id : null,
    engine: option.backend === 'wllama' ? 'llama.cpp' : 'WebLLM',
    needsWebGPU: option.backend === 'webllm',
    origin: origin(option),
    reported: option.reported,
  };
}
