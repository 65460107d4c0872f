import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineError } from '../../errors';
import { findModel } from '../../models/catalog';
import type { ModelOption } from '../../models/catalog';
import type { LoadProgress } from '../../types';
import { loadInWorker } from './load-webllm-model';
import type { EngineWorker } from './load-webllm-model';

type Request = { kind: string; uuid: string; content: unknown };

/** Speaks WebLLM's worker protocol: answers each request through `reply`. */
class FakeWorker extends EventTarget {
  onmessage: ((event: MessageEvent) => void) | null = null;
  readonly received: Request[] = [];
  terminated = false;

  constructor(private readonly reply: (request: Request, worker: FakeWorker) => void) {
    super();
  }

  postMessage(request: Request) {
    this.received.push(request);
    queueMicrotask(() => this.reply(request, this));
  }

  answer(data: unknown) {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  terminate() {
    this.terminated = true;
  }

  asEngineWorker(): EngineWorker {
    return this as unknown as EngineWorker;
  }
}

const BASE = 'https://example.org/';

/** A tokenizer.json with MathCoder's added tokens: each special token is one id. */
const oneIdPerSpecialToken = {
  encode: (text: string) => (text.startsWith('<|') ? [32000] : Array.from(text, () => 1)),
  decode: () => '',
};

function model(id: string): ModelOption {
  const found = findModel(id);
  if (!found) throw new Error(`no model ${id}`);
  return found;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('loadInWorker', () => {
  it('sends the app config, reports progress and returns a live model that releases the worker', async () => {
    const worker = new FakeWorker((request, w) => {
      if (request.kind === 'reload') {
        w.answer({
          kind: 'initProgressCallback',
          uuid: request.uuid,
          content: { progress: 0.5, timeElapsed: 1, text: 'Fetching param cache' },
        });
        w.answer({ kind: 'return', uuid: request.uuid, content: null });
      }
      if (request.kind === 'unload')
        w.answer({ kind: 'return', uuid: request.uuid, content: null });
    });
    const progress: LoadProgress[] = [];
    const option = model('MathCoder-CL-7B-q4f32_1-MLC');
    const tokenizerDirs: string[] = [];
    const loaded = await loadInWorker(
      worker.asEngineWorker(),
      option,
      { baseUrl: BASE, onProgress: (p) => progress.push(p) },
      async (dir) => {
        tokenizerDirs.push(dir);
        return { tokenizer: oneIdPerSpecialToken, contextWindow: 4096 };
      },
    );
    // The token loop samples with the chat config, so the load asks for greedy decoding.
    const reload = worker.received.find((r) => r.kind === 'reload')?.content as {
      chatOpts?: Array<Record<string, number>>;
    };
    expect(reload.chatOpts).toEqual([
      expect.objectContaining({ temperature: 0, top_p: 1, repetition_penalty: 1 }),
    ]);
    expect(tokenizerDirs).toEqual([`${BASE}models/${option.id}/`]);

    const config = worker.received.find((r) => r.kind === 'setAppConfig')?.content as {
      model_list: Array<{ model_id: string }>;
    };
    expect(config.model_list.map((r) => r.model_id)).toEqual([option.id]);
    expect(progress).toEqual([{ fraction: 0.5, text: 'Fetching param cache' }]);
    expect(loaded).toMatchObject({ id: option.id, label: option.label, kind: 'live' });
    await loaded.dispose();
    expect(worker.terminated).toBe(true);
  });

  it('refuses a MathCoder build whose tokenizer splits its special tokens, and terminates the worker', async () => {
    const worker = new FakeWorker((request, w) => {
      if (request.kind === 'reload')
        w.answer({ kind: 'return', uuid: request.uuid, content: null });
    });
    const failure = await loadInWorker(
      worker.asEngineWorker(),
      model('MathCoder-CL-7B-q4f32_1-MLC'),
      { baseUrl: BASE, onProgress: () => {} },
      // tokenizer.model: no added tokens, so "<|text|>" is spelled out in pieces.
      async () => ({
        tokenizer: { encode: (t: string) => Array.from(t, () => 1), decode: () => '' },
        contextWindow: 4096,
      }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).code).toBe('model-files-missing');
    expect((failure as Error).message).toMatch(
      /reads <\|system\|>.* as several tokens.*tokenizer\.json/,
    );
    expect(worker.terminated).toBe(true);
  });

  it('names the missing file when WebLLM cannot cache one, and terminates the worker', async () => {
    const dir = `${BASE}models/MathCoder-CL-7B-q4f16_1-MLC/`;
    vi.stubGlobal('fetch', async (url: string) =>
      url === `${dir}mlc-chat-config.json`
        ? new Response('{}', { status: 200 })
        : new Response('', { status: 404 }),
    );
    const worker = new FakeWorker((request, w) => {
      if (request.kind === 'reload') {
        w.answer({
          kind: 'throw',
          uuid: request.uuid,
          content: "TypeError: Failed to execute 'add' on 'Cache': Request failed",
        });
      }
    });
    const loading = loadInWorker(worker.asEngineWorker(), model('MathCoder-CL-7B-q4f16_1-MLC'), {
      baseUrl: BASE,
      onProgress: () => undefined,
    });
    await expect(loading).rejects.toBeInstanceOf(EngineError);
    await expect(loading).rejects.toMatchObject({
      code: 'model-files-missing',
      message: expect.stringContaining(`${dir}tensor-cache.json`),
    });
    expect(worker.terminated).toBe(true);
  });

  it('offers the f32 variant when the GPU lacks shader-f16', async () => {
    const worker = new FakeWorker((request, w) => {
      if (request.kind === 'reload')
        w.answer({
          kind: 'throw',
          uuid: request.uuid,
          content: 'ShaderF16SupportError: needs shader-f16',
        });
    });
    const loading = loadInWorker(
      worker.asEngineWorker(),
      model('Qwen2.5-Math-1.5B-Instruct-q4f16_1-MLC'),
      { baseUrl: BASE, onProgress: () => undefined },
    );
    await expect(loading).rejects.toMatchObject({
      code: 'no-shader-f16',
      message: expect.stringContaining('Qwen2.5-Math 1.5B Instruct (4-bit, f32'),
    });
  });

  it('rejects with an AbortError and terminates the worker when aborted mid-load', async () => {
    const worker = new FakeWorker(() => undefined);
    const controller = new AbortController();
    const loading = loadInWorker(worker.asEngineWorker(), model('MathCoder-CL-7B-q4f16_1-MLC'), {
      baseUrl: BASE,
      onProgress: () => undefined,
      signal: controller.signal,
    });
    controller.abort();
    await expect(loading).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.terminated).toBe(true);
  });

  it('fails instead of hanging when the worker itself fails', async () => {
    const worker = new FakeWorker((request, w) => {
      if (request.kind === 'reload')
        w.dispatchEvent(Object.assign(new Event('error'), { message: 'module script failed' }));
    });
    const loading = loadInWorker(
      worker.asEngineWorker(),
      model('Qwen2.5-Math-1.5B-Instruct-q4f32_1-MLC'),
      { baseUrl: BASE, onProgress: () => undefined },
    );
    await expect(loading).rejects.toMatchObject({
      code: 'unknown',
      message: expect.stringContaining('module script failed'),
    });
    expect(worker.terminated).toBe(true);
  });
});
