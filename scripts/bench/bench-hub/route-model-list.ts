// The benchmarks' one-model list: the page's request for models.json is answered with the file under test, named
// `owner/repo:QUANT` on the stand-in hub, which models.json's `hub` makes the app's hub.
import type { BrowserContext } from '@playwright/test';

export interface ListedModel {
  id: string;
  label: string;
  quantization: string;
  /** `owner/repo:QUANT` on `hubUrl`. */
  hf: string;
  contextLength?: number;
  /** models.json's default is MathCoder's. */
  promptFormat?: 'mathcoder' | 'qwen-tir';
}

/** `entry` is read on every request, so a later visit can ask for another context. */
export async function routeModelList(
  context: BrowserContext,
  hubUrl: string,
  entry: () => ListedModel,
) {
  await context.route('**/models/models.json', (route) =>
    route.fulfill({
      json: { version: 1, hub: hubUrl, models: [{ format: 'gguf', ...entry() }] },
    }),
  );
}
