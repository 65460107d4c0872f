import { createReplayModel } from '../engine/backends/replay';
import { isAbortError, toEngineError } from '../engine/errors';
import { getFormat } from '../engine/formats/get-format';
import { defaultModel, listModels, testModel, type ModelOption } from '../engine/models/catalog';
import { solve } from '../engine/solve';
import type { PromptFormat } from '../engine/formats/prompt-format';
import type { EngineErrorCode, LanguageModel } from '../engine/types';
import { checkWebGPU } from '../engine/webgpu';
import { PythonSandbox } from '../sandbox/python-sandbox';
import type { TutorIntents } from '../ui/intents';
import { useModelStore } from '../ui/state/model-store';
import { useTraceStore } from '../ui/state/trace-store';
import type { AppConfig } from './config';
import { createEvalHook } from './eval-hook';
import { ModelLoader } from './model-loader';
import { toModelChoice } from './model-choices';
import { sameOriginUrl, solveLimits } from './config';
import { fetchSolution, readSolutionFile, type OpenedSolution } from './saved-solution';
import { mirrorSandboxStatus } from './sandbox-status';
import { createAnswerChecking } from './answer-checking';
import { createTraceEditing } from './trace-editing';
import type { TraceBlock } from '../ui/state/trace-store';
import { StoredModels } from './stored-models';
import { DEFAULT_HUB_URL } from '../engine/hub/hub-file';
import { adoptModelList } from './listed-models';
import { fetchModelList } from '../engine/models/model-list';
import { addFolderModel, removeFolderModel, withLocalModels } from './model-folders';
import { deviceCapabilities, modelFacts, probeSiteModels } from './default-model';
import type { DeviceCapabilities, FileProbe } from '../engine/models/model-fit';

const modelGone = new Set<EngineErrorCode>(['model-not-loaded', 'device-lost']);

export interface Tutor {
  intents: TutorIntents;
  /**
   * Starts Python and the WebGPU check, and opens `?replay=`; downloads no model. Resolves once what the model
   * panel shows about this browser (WebGPU, the model list, what is stored) is in; failures go to the stores.
   */
  start(): Promise<void>;
}

export function createTutor(config: AppConfig, page: Location = window.location): Tutor {
  const baseUrl = new URL(import.meta.env.BASE_URL, page.href).href;
  const sandbox = new PythonSandbox({ baseUrl, defaultTimeoutMs: config.cellTimeoutMs });
  // The sandbox's own tests and benchmarks drive it directly (page scripts could reach it anyway).
  if (new URLSearchParams(page.search).has('exposeSandbox')) Object.assign(window, { sandbox });
  const gpuCheck = checkWebGPU();
  // Only a same-origin test model is offered, so a link cannot make the page run a model from elsewhere.
  const testUrl = config.testModelUrl ? sameOriginUrl(config.testModelUrl, page) : null;
  // Hub models come from Hugging Face unless the build names a mirror (models.json's `hub` may name another).
  const hubUrl: string = import.meta.env.VITE_MODEL_HUB || DEFAULT_HUB_URL;
  // Built-in models until public/models/models.json has been read (see start()).
  let options: ModelOption[] = [
    ...(testUrl ? [testModel(testUrl.href)] : []),
    ...listModels(hubUrl),
  ];
  const findModel = (id: string) => options.find((m) => m.id === id);
  const loader = new ModelLoader(baseUrl, gpuCheck, findModel, {
    pieceBytes: config.pieceBytes,
    splitBytes: config.splitBytes,
  });
  const stored = new StoredModels(baseUrl, () => options);
  const models = useModelStore.getState;
  const trace = useTraceStore.getState;
  let replay: { model: LanguageModel; format: PromptFormat } | null = null;
  let solving: AbortController | null = null;
  // The preselected model follows what loads here until the user picks one.
  let userChose = false;
  let device: DeviceCapabilities | null = null;
  let probes = new Map<string, FileProbe>();
  const showNotes = () => {
    if (device) models().setNotes(modelFacts(options, probes, device).notes);
  };

  function adoptReplay(opened: OpenedSolution) {
    void replay?.model.dispose();
    const format = getFormat(findModel(opened.solution.model ?? '')?.formatId ?? 'mathcoder');
    const model = createReplayModel(opened.solution, { format });
    replay = { model, format };
    models().setReplay({ label: opened.label });
    trace().setProblem(opened.solution.problem);
  }

  function dropReplay() {
    void replay?.model.dispose();
    replay = null;
    models().setReplay(null);
  }

  async function open(reading: Promise<OpenedSolution>) {
    try {
      adoptReplay(await reading);
    } catch (error) {
      models().setReplayError(toEngineError(error, { fallback: 'bad-trace' }));
    }
  }

  function chosenModel() {
    const live = loader.current();
    return replay ?? (live && { model: live.model, format: getFormat(live.option.formatId) });
  }

  let solvedProblem = '';
  const editing = createTraceEditing({
    runner: sandbox,
    cellTimeoutMs: config.cellTimeoutMs,
    format: () => chosenModel()?.format ?? getFormat('mathcoder'),
    solving: () => solving !== null,
    continuer: () => chosenModel()?.model.kind ?? null,
    continueSolve: (prefix, blockIdPrefix) => {
      if (!solving) void runSolve(solvedProblem, { prefix, blockIdPrefix });
    },
  });
  const checking = createAnswerChecking({
    runner: sandbox,
    busy: () => solving !== null || editing.busy(),
  });

  async function runSolve(problem: string, from?: { prefix: TraceBlock[]; blockIdPrefix: string }) {
    // A model the GPU lost is loaded again first (loader.lost said it would be).
    if (loader.needsReload()) await loader.reloadIfLost();
    const chosen = chosenModel();
    if (!chosen) {
      trace().start();
      return trace().fail({
        code: 'model-not-loaded',
        message:
          'Solving needs a model: load one (a download of a few GB, once), or open a saved solution.',
      });
    }
    const controller = new AbortController();
    solving = controller;
    solvedProblem = problem;
    if (from) trace().resume(from.prefix);
    else trace().start();
    try {
      const outcome = await solve({
        problem,
        ...chosen,
        runner: sandbox,
        signal: controller.signal,
        limits: solveLimits(config),
        onEvent: trace().applyEvent,
        prefix: from?.prefix,
        blockIdPrefix: from?.blockIdPrefix,
      });
      trace().finish(outcome);
      if (
        outcome.status === 'failed' &&
        chosen.model.kind === 'live' &&
        modelGone.has(outcome.error.code)
      ) {
        loader.lost(outcome.error);
      }
    } catch (error) {
      if (isAbortError(error)) trace().finish({ status: 'stopped' });
      else trace().fail(toEngineError(error));
    } finally {
      solving = null;
    }
  }

  const intents: TutorIntents = {
    solve: (problem) => {
      if (solving) return;
      editing.stopThen(() => {
        if (!solving) void runSolve(problem);
      });
    },
    stop: () => {
      solving?.abort();
      editing.stop();
    },
    ...editing.intents,
    ...checking.intents,
    selectModel: (id) => {
      if (solving || loader.isLoading() || !findModel(id)) return;
      userChose = true;
      dropReplay();
      models().select(id);
      loader.syncState();
    },
    loadModel: () => {
      if (solving) return;
      dropReplay();
      const id = models().selectedId;
      void loader.load().then(() => (id ? stored.afterLoad(id) : undefined));
    },
    deleteModel: (id) => {
      if (solving || loader.isLoading()) return;
      void loader.unloadIf(id).then(async () => {
        const option = findModel(id);
        // A model added from a folder exists only in storage: deleting it removes it from the list too.
        if (option?.isLocal) options = await removeFolderModel(baseUrl, option, options);
        else await stored.delete(id);
      });
    },
    addModelFolder: (folder) => {
      if (solving || loader.isLoading()) return;
      void addFolderModel(baseUrl, folder, options).then((next) => {
        if (!next) return;
        options = next;
        userChose = true;
        showNotes();
        loader.syncState();
        return stored.refresh();
      });
    },
    openSavedSolution: (file) => void open(readSolutionFile(file)),
  };
  // The live evaluation (scripts/eval.ts) drives the UI's own loader and solve loop, as the sandbox tests do.
  if (new URLSearchParams(page.search).has('exposeTutor')) {
    const tutorEval = createEvalHook({
      select: (id) => {
        intents.selectModel(id);
        return models().selectedId === id;
      },
      contextLength: () => loader.current()?.model.contextLength,
      load: () => {
        dropReplay();
        return loader.load();
      },
      solve: (problem) =>
        solving ? Promise.reject(new Error('A solve is already running')) : runSolve(problem),
    });
    Object.assign(window, { tutorEval });
  }

  return {
    intents,
    start() {
      mirrorSandboxStatus(sandbox);
      sandbox.start();
      const provisional = (options[0]?.isTestModel ? options[0] : defaultModel()).id;
      models().setModels(options.map(toModelChoice), provisional);
      const gpuShown = gpuCheck.then((gpu) => {
        models().setGpu(
          gpu.ok
            ? {
                status: 'available',
                shaderF16: gpu.shaderF16,
                adapter: adapterName(gpu.adapterInfo),
              }
            : { status: 'unavailable', error: gpu.error },
        );
      });
      if (config.replayUrl) void open(fetchSolution(config.replayUrl, page));
      // The built-in models' state is read at once, from this browser only; the served list may add models later.
      const storedShown = stored.refresh();
      const listed = fetchModelList(baseUrl).then(async (list) => {
        const read = new Set(options);
        options = await withLocalModels(baseUrl, adoptModelList(options, list));
        // Only what the list or a stored folder added or changed; the rest was just read.
        const changed = options.filter((m) => !read.has(m)).map((m) => m.id);
        if (changed.length > 0) await stored.refresh(changed);
      });
      // With the device, the list and what is stored known, the site is asked which model files it has.
      const settled = Promise.all([gpuCheck, listed, storedShown]).then(async ([gpu]) => {
        device = deviceCapabilities(gpu);
        probes = await probeSiteModels(options, baseUrl, models().stored);
        showNotes();
        const { best } = modelFacts(options, probes, device);
        // A load the reader started, or its error on screen, keeps the selection it was about.
        const untouched =
          !userChose && models().selectedId === provisional && models().load.status === 'idle';
        if (best && best.id !== provisional && untouched && !solving && !loader.isLoading()) {
          models().select(best.id);
          loader.syncState();
        }
      });
      return Promise.allSettled([gpuShown, storedShown, settled]).then(() => undefined);
    },
  };
}

function adapterName(info: { vendor: string; architecture: string; description: string }): string {
  return (
    [info.vendor, info.architecture].filter(Boolean).join(' ') || info.description || 'available'
  );
}
