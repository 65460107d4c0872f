import { loadModel } from '../engine/backends/load-model';
import { toEngineError } from '../engine/errors';
import { chooseVariant, type ModelOption } from '../engine/models/catalog';
import type { EngineErrorData, LanguageModel } from '../engine/types';
import type { WebGPUCheck } from '../engine/webgpu';
import { useModelStore } from '../ui/state/model-store';

/** Holds the one live model: loads it on the user's click, never before, and frees the GPU before the next. */
export class ModelLoader {
  private live: { option: ModelOption; model: LanguageModel } | null = null;
  private loading = false;

  constructor(
    private readonly baseUrl: string,
    private readonly gpuCheck: Promise<WebGPUCheck>,
    private readonly findModel: (id: string) => ModelOption | undefined,
  ) {}

  /** The loaded model, when it is the one selected. */
  current(): { option: ModelOption; model: LanguageModel } | null {
    return this.live?.option.id === useModelStore.getState().selectedId ? this.live : null;
  }

  isLoading(): boolean {
    return this.loading;
  }

  /** Shows the selected model as ready when it is the loaded one. */
  syncState(): void {
    const current = this.current();
    useModelStore
      .getState()
      .setLoad(current ? { status: 'ready', runtime: current.model.runtime } : { status: 'idle' });
  }

  async load(): Promise<void> {
    const store = useModelStore.getState();
    const option = store.selectedId ? this.findModel(store.selectedId) : undefined;
    if (!option || this.loading || this.current()) return;
    if (option.backend === 'webllm') {
      store.setLoad({ status: 'checking' });
      const gpu = await this.gpuCheck;
      if (!gpu.ok) return store.setLoad({ status: 'failed', error: gpu.error });
      const variant = chooseVariant(option, gpu);
      if (variant.id !== option.id) {
        // Refused before any download: this GPU cannot run f16 shaders.
        const error = toEngineError('ShaderF16SupportError', { f32ModelLabel: variant.label });
        return store.setLoad({ status: 'failed', error });
      }
    }

    this.loading = true;
    await this.unload();
    store.setLoad({ status: 'loading', fraction: 0, text: `Preparing ${option.label}…` });
    try {
      const model = await loadModel(option, {
        baseUrl: this.baseUrl,
        onProgress: ({ fraction, text }) => store.setLoad({ status: 'loading', fraction, text }),
      });
      this.live = { option, model };
      this.syncState();
    } catch (error) {
      store.setLoad({ status: 'failed', error: toEngineError(error) });
    } finally {
      this.loading = false;
    }
  }

  /** Frees the model when it is `id` (its stored files are being deleted). */
  async unloadIf(id: string): Promise<void> {
    if (this.live?.option.id !== id || this.loading) return;
    await this.unload();
    this.syncState();
  }

  /** After the GPU is lost the model is gone: say so where Load is. */
  lost(error: EngineErrorData): void {
    void this.unload();
    useModelStore.getState().setLoad({ status: 'failed', error });
  }

  private async unload(): Promise<void> {
    const live = this.live;
    this.live = null;
    await live?.model.dispose().catch(() => undefined);
  }
}
