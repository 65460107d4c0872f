import type { ModelOption } from '../models/catalog';
import type { LanguageModel } from '../types';
import { backendFor } from './backends';
import type { LoadModelOptions } from './model-backend';

/** Loads a catalog model with its backend; rejects with an EngineError, or an AbortError when `signal` aborts. */
export async function loadModel(
  option: ModelOption,
  options: LoadModelOptions,
): Promise<LanguageModel> {
  return backendFor(option).load(option, options);
}
