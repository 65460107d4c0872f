import { CreateWebWorkerMLCEngine } from '@mlc-ai/web-llm';
import { abortError, raceAbort } from '../../abort';
import { EngineError, isAbortError, toEngineError } from '../../errors';
import type { ErrorContext } from '../../errors';
import { chooseVariant, selfHostedModelDir } from '../../models/catalog';
import type { ModelOption } from '../../models/catalog';
import type { LanguageModel } from '../../types';
import type { LoadModelOptions } from '../load-model';
import { findMissingModelFile } from './find-missing-file';
import { appConfigFor, modelRecordFor } from './model-record';
import { createWebLLMLanguageModel } from './webllm-language-model';

/** The worker as the loader uses it: WebLLM's messaging plus the hard stop. */
export type EngineWorker = Pick<
  Worker,
  'onmessage' | 'postMessage' | 'terminate' | 'addEventListener' | 'removeEventListener'
>;

export function loadWebLLMModel(
  option: ModelOption,
  options: LoadModelOptions,
): Promise<LanguageModel> {
  const worker = new Worker(new URL('./webllm.worker.ts', import.meta.url), { type: 'module' });
  return loadInWorker(worker, option, options);
}

/** Loads `option` into a started worker; the worker is terminated on failure, on abort, and by dispose(). */
export async function loadInWorker(
  worker: EngineWorker,
  option: ModelOption,
  options: LoadModelOptions,
): Promise<LanguageModel> {
  const { baseUrl, onProgress, signal } = options;
  const stop = () => worker.terminate();
  let onWorkerError: (event: Event) => void = () => undefined;
  // A worker that fails to start never answers WebLLM's reload message.
  const crash = new Promise<never>((_, reject) => {
    onWorkerError = (event) =>
      reject(
        new Error(`The model worker failed: ${(event as ErrorEvent).message || 'unknown error'}`),
      );
  });
  worker.addEventListener('error', onWorkerError);
  signal?.addEventListener('abort', stop, { once: true });
  try {
    if (signal?.aborted) throw abortError();
    const record = modelRecordFor(option, baseUrl);
    const loading = CreateWebWorkerMLCEngine(worker, option.id, {
      appConfig: appConfigFor(record),
      initProgressCallback: (report) =>
        onProgress({ fraction: report.progress, text: report.text }),
    });
    const raced = Promise.race([loading, crash]);
    const engine = await (signal ? raceAbort(raced, signal) : raced);
    return createWebLLMLanguageModel(engine, option, stop);
  } catch (error) {
    stop();
    if (signal?.aborted || isAbortError(error)) throw abortError();
    throw EngineError.from(
      toEngineError(error, await failureContext(option, baseUrl, error)),
      error,
    );
  } finally {
    worker.removeEventListener('error', onWorkerError);
    signal?.removeEventListener('abort', stop);
  }
}

async function failureContext(
  option: ModelOption,
  baseUrl: string,
  error: unknown,
): Promise<ErrorContext> {
  const f32 = chooseVariant(option, { shaderF16: false });
  const context: ErrorContext = { f32ModelLabel: f32.id !== option.id ? f32.label : undefined };
  if (!option.selfHosted || error instanceof EngineError) return context;
  const dir = selfHostedModelDir(option, baseUrl);
  const modelLib = modelRecordFor(option, baseUrl).model_lib;
  const missingUrl = await findMissingModelFile({ dir, modelLib });
  return { ...context, modelUrl: dir, missingUrl: missingUrl ?? undefined };
}
