import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import { EngineError } from '../../errors';
import { isFolderBacked, modelDir, type ModelOption } from '../../models/catalog';

/** Where a model's files are fetched from, absolute. */
export interface ModelLocation {
  /** The folder holding mlc-chat-config.json, tensor-cache.json, the shards and the tokenizer. */
  dir: string;
  modelLib: string;
}

export function modelRecordFor(option: ModelOption, baseUrl: string): ModelRecord {
  if (isFolderBacked(option)) {
    const dir = modelDir(option, baseUrl);
    return {
      // WebLLM appends resolve/main/ to a model URL without a /resolve/<x>/ segment; this one normalises back to the folder itself.
      model: `${dir}resolve/../`,
      model_id: option.id,
      model_lib: new URL(option.modelLibFile ?? `${option.id}-webgpu.wasm`, dir).href,
      vram_required_MB: option.approxVramMB,
      low_resource_required: false,
      required_features: [...option.requiredFeatures],
    };
  }
  const prebuilt = prebuiltAppConfig.model_list.find((record) => record.model_id === option.id);
  if (!prebuilt) {
    throw new EngineError(
      'model-files-missing',
      `This version of WebLLM has no prebuilt model “${option.id}”. Choose another model.`,
    );
  }
  // WebLLM only checks required_features it is given, and its Qwen q4f16_1 records list none.
  const features = new Set([...(prebuilt.required_features ?? []), ...option.requiredFeatures]);
  return { ...prebuilt, required_features: [...features] };
}

export function appConfigFor(record: ModelRecord): AppConfig {
  return { model_list: [record], cacheBackend: 'cache' };
}
