// The model list and the model intents; the one writer of the model store.
import { toEngineError } from '../../engine/errors';
import { DEFAULT_HUB_URL } from '../../engine/models/hub-file';
import {
  chooseVariant,
  defaultModel,
  isAddedFromHub,
  listModels,
  onHub,
  testModel,
  type ModelOption,
  type ModelSource,
} from '../../engine/models/catalog';
import { hubModelName } from '../../engine/models/hub-model';
import type { DeviceCapabilities, FileProbe } from '../../engine/models/model-fit';
import {
  fetchModelList,
  mergeModelList,
  type ParsedModelList,
} from '../../engine/models/model-list';
import type { EngineErrorData } from '../../engine/types';
import type { WebGPUCheck } from '../../engine/webgpu';
import type { TutorIntents } from '../../ui/intents';
import { useModelStore, type ModelChoice } from '../../ui/state/model-store';
import { sameOriginUrl, type AppConfig } from '../config';
import { DecodeSpeeds } from '../../engine/models/decode-speeds';
import { deviceCapabilities, modelFacts, modelsHere, probeSiteModels } from './default-model';
import { addFolderModel, removeFolderModel, withLocalModels } from './model-folders';
import { addHubModel, forgetHubModel, withHubModels } from './hub-models';
import { ModelLoader } from './model-loader';
import { StoredModels } from './stored-models';

export interface ModelCatalogDeps {
  baseUrl: string;
  config: AppConfig;
  page: Location;
  gpuCheck: Promise<WebGPUCheck>;
  /** Whether a solve holds the model. */
  solving(): boolean;
  /** A model the user picks or loads takes the place of a saved solution opened instead of one. */
  dropPlayback(): void;
}

export type ModelIntents = Pick<
  TutorIntents,
  'selectModel' | 'loadModel' | 'deleteModel' | 'addModelFolder' | 'addHubModel'
>;

export interface ModelCatalog {
  intents: ModelIntents;
  /** The live model: loads on the user's click, reloads after a lost GPU. */
  loader: ModelLoader;
  find(id: string): ModelOption | undefined;
  selectedId(): string | null;
  /** Loads the selected model as Load model does, without asking the browser to keep it (the evaluation's load). */
  load(): Promise<void>;
  /** Shows the saved solution standing in for the model, or none. */
  showPlayback(playback: { label: string } | null): void;
  playbackFailed(error: EngineErrorData): void;
  /** Shows each model's notes again: a solve may have measured its speed here. */
  refreshNotes(): void;
  /** Shows why Load model did nothing (the widget's reader declined the download, say). */
  loadRefused(error: EngineErrorData): void;
  /**
   * The model part of start-up: the built-in list at once, then WebGPU, what is stored, models.json and stored
   * folders, and the model preselected for this device. Resolves once the panel has all of it.
   */
  start(): Promise<void>;
}

export function createModelCatalog(deps: ModelCatalogDeps): ModelCatalog {
  const { baseUrl, config, page, gpuCheck } = deps;
  const models = useModelStore.getState;
  // Only a same-origin test model is offered, so a link cannot make the page run a model from elsewhere.
  const testUrl = config.testModelUrl ? sameOriginUrl(config.testModelUrl, page) : null;
  // Hub models come from Hugging Face unless the build names a mirror (models.json's `hub` may name another).
  const hubUrl: string = import.meta.env.VITE_MODEL_HUB || DEFAULT_HUB_URL;
  // Built-in models until public/models/models.json has been read (see start()).
  let options: ModelOption[] = withHubModels([
    ...(testUrl ? [testModel(testUrl.href)] : []),
    ...listModels(hubUrl),
  ]);
  // The hub models.json names, once read; the build's until then.
  let activeHub = hubUrl;
  const find = (id: string) => options.find((m) => m.id === id);
  const selectedId = () => models().selectedId;
  const loader = new ModelLoader(
    baseUrl,
    gpuCheck,
    find,
    { selectedId, showLoad: (load) => models().setLoad(load) },
    { pieceBytes: config.pieceBytes, splitBytes: config.splitBytes },
  );
  const stored = new StoredModels(baseUrl, () => options, {
    setStored: (id, state) => models().setStored(id, state),
    setStorage: (storage) => models().setStorage(storage),
    setStorageError: (error) => models().setStorageError(error),
  });
  // The preselected model follows what loads here until the user picks one.
  let userChose = false;
  let device: DeviceCapabilities | null = null;
  let probes = new Map<string, FileProbe>();
  // Decode speeds measured on this device (by the load's probe and by solves), read again each time notes are shown.
  const speeds = new DecodeSpeeds();
  const facts = (on: DeviceCapabilities) =>
    modelFacts(options, probes, on, modelsHere(options, on, models().stored, speeds));

  const showNotes = () => {
    if (device) models().setNotes(facts(device).notes);
  };

  /** Offers `next`, keeping the selection (or selecting `preferred`) when it is still offered. */
  function offer(next: ModelOption[], preferred: string | null = null) {
    options = next;
    const keep = preferred ?? models().selectedId;
    models().setModels(
      next.map(toModelChoice),
      keep && next.some((m) => m.id === keep) ? keep : (next[0]?.id ?? null),
    );
  }

  const busy = () => deps.solving() || loader.isLoading();

  const intents: ModelIntents = {
    selectModel: (id) => {
      if (busy() || !find(id)) return;
      userChose = true;
      deps.dropPlayback();
      models().select(id);
      loader.syncState();
    },
    loadModel: () => {
      if (deps.solving()) return;
      deps.dropPlayback();
      const id = models().selectedId;
      void loader
        .load()
        .then(() => (id ? stored.afterLoad(id) : undefined))
        .then(showNotes);
    },
    deleteModel: (id) => {
      if (busy()) return;
      void loader.unloadIf(id).then(async () => {
        const option = find(id);
        if (option && isAddedFromHub(option)) {
          // A model added from the hub by name leaves the list with its files.
          await stored.delete(id);
          forgetHubModel(id);
          return offer(options.filter((m) => m.id !== id));
        }
        // A model added from a folder exists only in storage: deleting it removes it from the list too.
        if (option?.source !== 'folder') return stored.delete(id);
        try {
          offer(await removeFolderModel(baseUrl, option, options));
        } catch (error) {
          models().setStorageError(toEngineError(error));
        }
      });
    },
    addModelFolder: (folder) => {
      if (busy()) return;
      void addFolderModel(baseUrl, folder, options, (state) => models().setFolderAdd(state)).then(
        (added) => {
          if (!added) return;
          offer([...options, added.option], added.option.id);
          models().select(added.option.id);
          models().setFolderAdd({
            status: 'added',
            name: folder.name,
            label: added.label,
            warnings: added.warnings,
          });
          userChose = true;
          showNotes();
          loader.syncState();
          return stored.refresh();
        },
      );
    },
    addHubModel: (name) => {
      if (busy()) return;
      void addHubModel(activeHub, name, options, (state) => models().setHubAdd(state)).then(
        (added) => {
          if (!added) return;
          if (!find(added.id)) offer([...options, added], added.id);
          models().select(added.id);
          userChose = true;
          showNotes();
          loader.syncState();
          return stored.refresh([added.id]);
        },
      );
    },
  };

  function start(): Promise<void> {
    const provisional = (options[0]?.source === 'test' ? options[0] : defaultModel()).id;
    models().setModels(options.map(toModelChoice), provisional);
    const gpuShown = gpuCheck.then((gpu) => {
      models().setGpu(
        gpu.ok
          ? { status: 'available', shaderF16: gpu.shaderF16, adapter: adapterName(gpu.adapterInfo) }
          : { status: 'unavailable', error: gpu.error },
      );
    });
    // The built-in models' state is read at once, from this browser only; the served list may add models later.
    const storedShown = stored.refresh();
    const listed = fetchModelList(baseUrl).then(async (list) => {
      const read = new Set(options);
      activeHub = list.hubUrl ?? hubUrl;
      offer(withHubModels(adoptModelList(options, list, hubUrl)));
      models().setListProblems(list.problems);
      const withLocal = await withLocalModels(baseUrl, options);
      if (withLocal !== options) offer(withLocal);
      // Only what the list or a stored folder added or changed; the rest was just read.
      const changed = options.filter((m) => !read.has(m)).map((m) => m.id);
      if (changed.length > 0) await stored.refresh(changed);
    });
    // With the device, the list and what is stored known, the site is asked which model files it has.
    const settled = Promise.all([gpuCheck, listed, storedShown]).then(async ([gpu]) => {
      const space = models().storage;
      device = deviceCapabilities(gpu, globalThis.navigator, {
        quota: space?.quotaBytes ?? undefined,
        usage: space?.usageBytes ?? undefined,
      });
      probes = await probeSiteModels(options, baseUrl, models().stored);
      showNotes();
      const { best } = facts(device);
      // A load the reader started, or its error on screen, keeps the selection it was about.
      const untouched =
        !userChose && models().selectedId === provisional && models().load.status === 'idle';
      if (best && best.id !== provisional && untouched && !busy()) {
        models().select(best.id);
        loader.syncState();
      }
    });
    return Promise.allSettled([gpuShown, storedShown, settled]).then(() => undefined);
  }

  return {
    intents,
    loader,
    find,
    selectedId,
    load: () => {
      deps.dropPlayback();
      return loader.load();
    },
    showPlayback: (playback) => models().setPlayback(playback),
    playbackFailed: (error) => models().setPlaybackError(error),
    loadRefused: (error) => models().setLoad({ status: 'failed', error }),
    refreshNotes: showNotes,
    start,
  };
}

function adapterName(info: { vendor: string; architecture: string; description: string }): string {
  return (
    [info.vendor, info.architecture].filter(Boolean).join(' ') || info.description || 'available'
  );
}

/**
 * The built-in models with models.json merged in (the entries it skipped are in `list.problems`); every hub model is
 * served by models.json's `hub`, else by `hubUrl` (the build's hub).
 */
function adoptModelList(
  options: readonly ModelOption[],
  list: ParsedModelList,
  hubUrl: string,
): ModelOption[] {
  const tests = options.filter((m) => m.source === 'test');
  const hub = list.hubUrl ?? hubUrl;
  const builtIn = options.filter((m) => m.source !== 'test');
  return [...tests, ...mergeModelList(builtIn, list.models).map((m) => onHub(m, hub))];
}

const ORIGINS: Record<ModelSource, string> = {
  site: "from this site's models/ folder",
  folder: 'from a folder stored in this browser',
  webllm: "from WebLLM's list (Hugging Face)",
  hub: 'from the model hub',
  test: 'built-in test model',
};

/** Where the files come from; a hub model names the host that will really serve it (a mirror when one is set). */
function origin(option: ModelOption): string {
  if (option.source !== 'hub') return ORIGINS[option.source];
  if (option.hubModel) {
    return `from ${new URL(option.hubUrl).host} (${hubModelName(option.hubModel)})`;
  }
  return `from ${new URL(option.ggufUrl).host}`;
}

function toModelChoice(option: ModelOption): ModelChoice {
  const f32 = option.backend === 'webllm' ? chooseVariant(option, { shaderF16: false }) : option;
  return {
    id: option.id,
    label: option.label,
    sizeBytes: option.approxDownloadMB * 1e6,
    f32VariantId: f32.id !== option.id ? f32.id : null,
    engine: option.backend === 'wllama' ? 'llama.cpp' : 'WebLLM',
    needsWebGPU: option.backend === 'webllm',
    origin: origin(option),
    reported: option.reported,
  };
}
