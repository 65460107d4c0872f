// The benchmarks' one-model list: the page's request for models.json is answered with the file under test.
import type { BrowserContext } from '@playwright/test';

export interface ListedModel {
  id: string;
  label: string;
  quantization: string;
  url: string;
  contextLength?: number;
}

/** `entry` is read on every request, so a later visit can ask for another context. */
export async function routeModelList(context: BrowserContext, entry: () => ListedModel) {
  await context.route('**/models/models.json', (route) =>
    route.fulfill({ json: { version: 1, models: [{ format: 'gguf', ...entry() }] } }),
  );
}
