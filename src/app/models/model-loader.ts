import { loadModel } from '../../engine/backends/load-model';
import type { LoadModelOptions } from '../../engine/backends/model-backend';
import { toEngineError } from '../../engine/errors';
import { chooseVariant, type ModelOption } from '../../engine/models/catalog';
import type { EngineErrorData, LanguageModel } from '../../engine/types';
import type { WebGPUCheck } from '../../engine/webgpu';
import type { LoadState } from '../../ui/state/model-store';

/** What the loader reads and reports; the model catalog puts it in the model store. */
export interface LoaderView {
  selectedId(): string | null;
  showLoad(load: LoadState): void;
}

/** Holds the one live model: loads it on the user's click, never before, and frees the GPU before the next. */
export class ModelLoader {
  private live: { option: ModelOption; model: LanguageModel } | null = null;
  private loading = false;
  /** The model the GPU lost, loaded again before the next solve. */
  private lostOption: ModelOption | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly gpuCheck: Promise<WebGPUCheck>,
    private readonly findModel: (id: string) => ModelOption | undefined,
    private readonly view: LoaderView,
    private readonly remoteGguf?: LoadModelOptions['remoteGguf'],
  ) {}

  /** The loaded model, when it is the one selected. */
  current(): { option: ModelOption; model: LanguageModel } | null {
    return this.live?.option.id === this.view.selectedId() ? this.live : null;
  }

  isLoading(): boolean {
    return this.loading;
  }

  /** Shows the selected model as ready when it is the loaded one. */
  syncState(): void {
    const current = this.current();
    this.view.showLoad(
      current ? { status: 'ready', runtime: current.model.runtime } : { status: 'idle' },
    );
  }

  async load(firstText?: string): Promise<void> {
    const show = (load: LoadState) => this.view.showLoad(load);
    const selectedId = this.view.selectedId();
    const option = selectedId ? this.findModel(selectedId) : undefined;
    if (!option || this.loading || this.current()) return;
    if (option.backend === 'webllm') {
      show({ status: 'checking' });
      const gpu = await this.gpuCheck;
      if (!gpu.ok) return show({ status: 'failed', error: gpu.error });
      const variant = chooseVariant(option, gpu);
      if (variant.id !== option.id) {
        // Refused before any download: this GPU cannot run f16 shaders.
        const error = toEngineError('ShaderF16SupportError', { f32ModelLabel: variant.label });
        return show({ status: 'failed', error });
      }
    }

    this.loading = true;
    await this.unload();
    show({
      status: 'loading',
      fraction: 0,
      text: firstText ?? `Preparing ${option.label}…`,
    });
    try {
      const model = await loadModel(option, {
        baseUrl: this.baseUrl,
        remoteGguf: this.remoteGguf,
        onProgress: ({ fraction, text }) => show({ status: 'loading', fraction, text }),
      });
      this.live = { option, model };
      this.syncState();
    } catch (error) {
      show({ status: 'failed', error: toEngineError(error) });
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

  /** After the GPU is lost the model is gone: say so where Load is, and load it again on the next solve. */
  lost(error: EngineErrorData): void {
    this.lostOption = this.live?.option ?? null;
    void this.unload();
    const again = this.lostOption
      ? ' It will be loaded again when you solve the next problem.'
      : '';
    this.view.showLoad({ status: 'failed', error: { ...error, message: error.message + again } });
  }

  /** Whether the next solve must load the lost model first (checked without waiting, so a solve starts at once). */
  needsReload(): boolean {
    return this.lostOption !== null && !this.loading && this.current() === null;
  }

  /** Loads the model the GPU lost again (from browser storage), saying why, when it is still the one selected. */
  async reloadIfLost(): Promise<void> {
    const option = this.lostOption;
    if (!option || this.loading || this.current()) return;
    this.lostOption = null;
    if (this.view.selectedId() !== option.id) return;
    await this.load(`The GPU was reset: loading ${option.label} again…`);
  }

  private async unload(): Promise<void> {
    const live = this.live;
    this.live = null;
    await live?.model.dispose().catch(() => undefined);
  }
}
