// Native llama.cpp (node-llama-cpp's prebuilt CPU binary) as the speed reference for bench:native. node-llama-cpp lives
// in this folder's own package (with its own lockfile), installed on first use, so the app's `npm ci` never fetches it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const FOLDER = fileURLToPath(new URL('.', import.meta.url));

/** The few calls used here, typed by hand: the package is not installed when the app is type-checked. */
interface NodeLlamaCpp {
  getLlama(options: { gpu: false; build: 'never'; logLevel: 'warn' }): Promise<{
    loadModel(options: { modelPath: string; gpuLayers: 0 }): Promise<NativeModel>;
  }>;
}
interface NativeModel {
  tokens: { bos: number | null };
  tokenize(text: string, specialTokens: boolean): number[];
  createContext(options: {
    contextSize: number;
    threads: { ideal: number; min: number };
    batchSize: number;
    flashAttention: boolean;
    experimentalKvCacheKeyType?: string;
    experimentalKvCacheValueType?: string;
  }): Promise<{
    getSequence(): {
      clearHistory(): Promise<void>;
      evaluate(tokens: number[], options: { temperature: 0 }): AsyncGenerator<number>;
    };
    dispose(): Promise<void>;
  }>;
  dispose(): Promise<void>;
}

export interface NativeSettings {
  threads: number;
  contextLength: number;
  /** llama.cpp's name of the KV cache type: f16, q8_0 or q4_0 (quantized ones with flash attention, as in the tab). */
  cacheType: string;
  batchSize: number;
}

export interface NativeSpeed {
  promptTokens: number;
  prefillTokensPerSecond: number;
  completionTokens: number;
  decodeTokensPerSecond: number;
}

/**
 * Installs the node-llama-cpp and x64 CPU binary the lockfile pins, without the optional CUDA, Vulkan and ARM builds
 * (about 85 MB instead of 700). Not `npm ci`: the lockfile npm writes on Linux leaves out the other platforms' optional
 * builds, and `npm ci` refuses a lockfile without them; `--no-save` keeps the lockfile as it is.
 */
function install() {
  if (existsSync(`${FOLDER}/node_modules/node-llama-cpp/package.json`)) return;
  process.stderr.write('Installing node-llama-cpp for the native reference (first use)…\n');
  const flags = ['--omit=optional', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'];
  execFileSync('npm', ['install', '--prefix', FOLDER, ...flags], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** This folder, with node-llama-cpp installed (on first use): its llama.cpp sources also feed bench:native's wasm builds. */
export function nativeFolder(): string {
  install();
  return FOLDER;
}

export async function openNative(modelPath: string) {
  install();
  const entry = createRequire(`${FOLDER}/package.json`).resolve('node-llama-cpp');
  const lib = (await import(pathToFileURL(entry).href)) as NodeLlamaCpp;
  const llama = await lib.getLlama({ gpu: false, build: 'never', logLevel: 'warn' });
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  return {
    /**
     * Prefill is the time to the first token (the prompt read and one token sampled), decode the tokens after it, as
     * llama.cpp's own timings in wllama count them.
     */
    async run(prompt: string, maxTokens: number, settings: NativeSettings): Promise<NativeSpeed> {
      const quantized = settings.cacheType !== 'f16';
      const context = await model.createContext({
        contextSize: settings.contextLength,
        threads: { ideal: settings.threads, min: settings.threads },
        batchSize: settings.batchSize,
        flashAttention: quantized,
        ...(quantized
          ? {
              experimentalKvCacheKeyType: settings.cacheType.toUpperCase(),
              experimentalKvCacheValueType: settings.cacheType.toUpperCase(),
            }
          : {}),
      });
      try {
        const tokens = model.tokenize(prompt, true);
        if (model.tokens.bos !== null) tokens.unshift(model.tokens.bos);
        const sequence = context.getSequence();
        const started = performance.now();
        let first = started;
        let n = 0;
        const generated = sequence.evaluate(tokens, { temperature: 0 });
        while (n < maxTokens && !(await generated.next()).done) {
          if (++n === 1) first = performance.now();
        }
        await generated.return(undefined);
        const ended = performance.now();
        return {
          promptTokens: tokens.length,
          prefillTokensPerSecond: tokens.length / ((first - started) / 1000),
          completionTokens: n,
          decodeTokensPerSecond: (n - 1) / ((ended - first) / 1000),
        };
      } finally {
        await context.dispose();
      }
    },
    close: () => model.dispose(),
  };
}
