import { chooseVariant, type ModelOption } from '../engine/models/catalog';
import type { ModelChoice } from '../ui/state/model-store';

export function toModelChoice(option: ModelOption): ModelChoice {
  const f32 = option.backend === 'webllm' ? chooseVariant(option, { shaderF16: false }) : option;
  return {
    id: option.id,
    label: option.label,
    sizeBytes: option.approxDownloadMB * 1e6,
    f32VariantId: f32.id !== option.id ? f32.id : null,
    engine: option.backend === 'wllama' ? 'llama.cpp' : 'WebLLM',
    needsWebGPU: option.backend === 'webllm',
  };
}
