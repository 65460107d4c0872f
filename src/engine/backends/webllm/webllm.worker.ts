import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

// The handler owns the MLCEngine here, off the main thread; loadWebLLMModel talks to it through WebWorkerMLCEngine.
const handler = new WebWorkerMLCEngineHandler();

self.onmessage = (event: MessageEvent) => {
  handler.onmessage(event);
};
