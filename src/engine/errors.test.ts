import { describe, expect, it } from 'vitest';
import { EngineError, toEngineError } from './errors';

const online = { online: true };

describe('toEngineError', () => {
  it('names the browsers that have WebGPU when WebLLM finds none (worker engines reject with strings)', () => {
    const error = toEngineError(
      'WebGPUNotAvailableError: WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine.',
      online,
    );
    expect(error.code).toBe('no-webgpu');
    expect(error.message).toMatch(/Chrome and Edge 113\+/);
    expect(error.message).toMatch(/Safari/);
  });

  it('offers the f32 variant when shader-f16 is missing', () => {
    const error = toEngineError(
      'ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser.',
      { ...online, f32ModelLabel: 'MathCoder-CL 7B (f32)' },
    );
    expect(error).toEqual({
      code: 'no-shader-f16',
      message: expect.stringContaining('Choose MathCoder-CL 7B (f32) instead'),
    });
  });

  it('asks for a reload when a part of the app loaded on demand is gone, online or not (each browser words it)', () => {
    for (const raw of [
      'TypeError: Failed to fetch dynamically imported module: https://example.org/assets/load-wllama-model-Bx1.js',
      'TypeError: error loading dynamically imported module: https://example.org/assets/x.js',
      'TypeError: Importing a module script failed.',
    ]) {
      for (const context of [online, { online: false }]) {
        expect(toEngineError(new TypeError(raw.replace(/^TypeError: /, '')), context)).toEqual({
          code: 'app-outdated',
          message: expect.stringContaining('Reload the page'),
        });
      }
    }
  });

  it("names the missing file when the Cache API's add fails", () => {
    const raw = "TypeError: Failed to execute 'add' on 'Cache': Request failed";
    const url = 'https://example.org/tutor/models/MathCoder-CL-7B-q4f16_1-MLC/tensor-cache.json';
    expect(toEngineError(raw, { ...online, missingUrl: url })).toEqual({
      code: 'model-files-missing',
      message: expect.stringContaining(url),
    });
    expect(
      toEngineError(raw, { ...online, modelUrl: 'https://example.org/models/x/' }).message,
    ).toContain('https://example.org/models/x/');
    const words = 'is not on the server: it answered with a web page instead of the file';
    expect(
      toEngineError(raw, { ...online, missingUrl: url, missingWords: words }).message,
    ).toContain(`${url} ${words}.`);
  });

  it('takes an HTML page served instead of a model file for a missing file', () => {
    const raw = `SyntaxError: Unexpected token '<', "<!doctype "... is not valid JSON`;
    expect(toEngineError(raw, online).code).toBe('model-files-missing');
  });

  it('tells a failed download from being offline', () => {
    expect(toEngineError(new TypeError('Failed to fetch'), online).code).toBe('download-failed');
    expect(
      toEngineError(new TypeError('NetworkError when attempting to fetch resource.'), {
        online: false,
      }),
    ).toEqual({
      code: 'offline',
      message: expect.stringContaining('offline'),
    });
    expect(
      toEngineError("TypeError: Failed to execute 'add' on 'Cache': Request failed", {
        online: false,
      }).code,
    ).toBe('offline');
  });

  it('classifies a lost device before the out-of-memory words in its message', () => {
    const raw =
      'DeviceLostError: The WebGPU device was lost while loading the model. This issue often occurs due to running out of memory (OOM).';
    expect(toEngineError(raw, online).code).toBe('device-lost');
    expect(toEngineError('Error: Out of memory while allocating buffer', online).code).toBe(
      'out-of-memory',
    );
    expect(
      toEngineError(
        { name: 'QuotaExceededError', message: 'The quota has been exceeded.' },
        online,
      ),
    ).toEqual({ code: 'storage-full', message: expect.stringMatching(/no room left to store/) });
  });

  it('asks for a reload when the model is no longer loaded', () => {
    const raw =
      'ModelNotLoadedError: Model not loaded before trying to complete ChatCompletionRequest.';
    expect(toEngineError(raw, online)).toEqual({
      code: 'model-not-loaded',
      message: expect.stringMatching(/Load the model again/),
    });
  });

  it('passes EngineErrors and error data through unchanged', () => {
    expect(toEngineError(new EngineError('bad-trace', 'Not a trace.'))).toEqual({
      code: 'bad-trace',
      message: 'Not a trace.',
    });
    expect(toEngineError({ code: 'device-lost', message: 'Lost.' })).toEqual({
      code: 'device-lost',
      message: 'Lost.',
    });
  });

  it('reports sandbox failures as such, and anything else as unknown with its text', () => {
    expect(
      toEngineError(new Error('worker crashed: out of memory'), { source: 'sandbox' }),
    ).toEqual({
      code: 'sandbox-failed',
      message: expect.stringContaining('worker crashed: out of memory'),
    });
    expect(toEngineError('Error: something odd', online)).toEqual({
      code: 'unknown',
      message: 'Something went wrong: something odd',
    });
    expect(toEngineError(42, online).code).toBe('unknown');
  });

  it('explains a context window overflow', () => {
    const raw =
      'ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096';
    expect(toEngineError(raw, online)).toEqual({
      code: 'context-full',
      message: expect.stringMatching(/context window/),
    });
  });

  it('gives llama.cpp’s refusal of a too long prompt its own message', () => {
    const raw = 'WllamaError: the request exceeds the available context size, try increasing it';
    expect(toEngineError(raw, online)).toEqual({
      code: 'context-full',
      message: expect.stringMatching(/no longer fit in the model’s context window/),
    });
  });

  it('names the memory that ran out: WebAssembly on the CPU path, never the GPU', () => {
    const cpu = toEngineError('Error: failed to allocate buffer', { ...online, memory: 'wasm' });
    expect(cpu.code).toBe('out-of-memory');
    expect(cpu.message).toMatch(/WebAssembly memory .* CPU/);
    expect(cpu.message).not.toMatch(/GPU memory/);
    // The browser's own words for a full WebAssembly heap win over a GPU guess.
    const heap = toEngineError('RangeError: WebAssembly.Memory(): could not allocate memory', {
      ...online,
      memory: 'gpu',
    });
    expect(heap.message).toMatch(/WebAssembly memory/);
    expect(toEngineError('Error: Out of memory', { ...online, memory: 'gpu' }).message).toMatch(
      /Not enough GPU memory/,
    );
    expect(toEngineError('Error: Out of memory', online).message).not.toMatch(/GPU/);
  });
});

describe('EngineError', () => {
  it('carries a code and converts to data', () => {
    const error = new EngineError('offline', 'No network.');
    expect(error).toBeInstanceOf(Error);
    expect(error.toData()).toEqual({ code: 'offline', message: 'No network.' });
    expect(EngineError.from({ code: 'unknown', message: 'x' }).code).toBe('unknown');
  });
});
