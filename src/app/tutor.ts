// The solve session: composes the model wing, the sandbox, editing and checking, and runs each solve.
import { isAbortError, toEngineError } from '../engine/errors';
import { getFormat } from '../engine/formats/get-format';
import { solve } from '../engine/solve';
import type { EngineErrorCode, EngineErrorData } from '../engine/types';
import { checkWebGPU } from '../engine/webgpu';
import { PythonSandbox } from '../sandbox/python-sandbox';
import type { TutorIntents } from '../ui/intents';
import { useModeStore } from '../ui/state/mode-store';
import { useTraceStore, type TraceBlock } from '../ui/state/trace-store';
import { createAnswerChecking } from './answer-checking';
import type { AppConfig } from './config';
import { createEvalHook } from './eval-hook';
import { solveLimits } from './config';
import { createModelCatalog } from './models/model-catalog';
import { createPlayback } from './playback';
import { fetchSolution, readSolutionFile } from './saved-solution';
import { mirrorSandboxStatus } from './sandbox-status';
import {
  announcer,
  solveStarts,
  type CheckedAnswer,
  type OnAnswerChecked,
  type OnSolveStart,
  type SolvedTrace,
} from './solve-events';
import { createTraceEditing } from './trace-editing';

const MODEL_GONE: readonly EngineErrorCode[] = ['model-not-loaded', 'device-lost'];

export interface Tutor {
  intents: TutorIntents;
  /** Solves as the Solve button does; resolves with how it ended, or null when a solve was already running. */
  solve(problem: string): Promise<SolvedTrace | null>;
  /** Told as each solve starts (after the trace store has been reset for it). */
  onSolveStart: OnSolveStart;
  /** Told of each answer checked against the solution shown. */
  onAnswerChecked: OnAnswerChecked;
  /** Shows why Load model did nothing (the widget's reader declined the download, say). */
  loadRefused(error: EngineErrorData): void;
  /**
   * Starts Python and the WebGPU check, and opens `?playback=`; downloads no model. Resolves once what the model
   * panel shows about this browser (WebGPU, the model list, what is stored) is in; failures go to the stores.
   */
  start(): Promise<void>;
}

export function createTutor(config: AppConfig, page: Location = window.location): Tutor {
  const baseUrl = new URL(import.meta.env.BASE_URL, page.href).href;
  const sandbox = new PythonSandbox({ baseUrl, defaultTimeoutMs: config.cellTimeoutMs });
  // The sandbox's own tests and benchmarks drive it directly (page scripts could reach it anyway).
  if (new URLSearchParams(page.search).has('exposeSandbox')) Object.assign(window, { sandbox });
  const trace = useTraceStore.getState;
  const starts = solveStarts();
  const checks = announcer<CheckedAnswer>();
  let solving: AbortController | null = null;
  const models = createModelCatalog({
    baseUrl,
    config,
    page,
    gpuCheck: checkWebGPU(),
    solving: () => solving !== null,
    dropPlayback: () => playback.drop(),
  });
  const playback = createPlayback(models);
  const loader = models.loader;
  // A new solve (not a continuation, which keeps its blocks) shows its steps hidden again.
  starts.on(({ resumed }) => {
    if (!resumed) useModeStore.getState().restart();
  });

  function chosenModel() {
    const live = loader.current();
    return (
      playback.current() ?? (live && { model: live.model, format: getFormat(live.option.formatId) })
    );
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
    onSolveStart: starts.on,
  });
  const checking = createAnswerChecking({
    runner: sandbox,
    busy: () => solving !== null || editing.busy(),
    checked: checks.announce,
  });

  function ended(): SolvedTrace {
    const { status, capped, answer, error, blocks, notices, usage } = trace();
    return { status, capped, answer, error, blocks, notices, usage };
  }

  async function runSolve(
    problem: string,
    from?: { prefix: TraceBlock[]; blockIdPrefix: string },
  ): Promise<SolvedTrace> {
    // A model the GPU lost is loaded again first (loader.lost said it would be).
    if (loader.needsReload()) await loader.reloadIfLost();
    const chosen = chosenModel();
    if (!chosen) {
      trace().start();
      starts.announce({ resumed: false });
      trace().fail({
        code: 'model-not-loaded',
        message:
          'Solving needs a model: load one (a download of a few GB, once), or open a saved solution.',
      });
      return ended();
    }
    const controller = new AbortController();
    solving = controller;
    solvedProblem = problem;
    if (from) trace().resume(from.prefix);
    else trace().start();
    starts.announce({ resumed: from !== undefined });
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
        MODEL_GONE.includes(outcome.error.code)
      ) {
        loader.lost(outcome.error);
      }
    } catch (error) {
      if (isAbortError(error)) trace().finish({ status: 'stopped' });
      else trace().fail(toEngineError(error));
    } finally {
      solving = null;
      models.refreshNotes();
    }
    return ended();
  }

  function solveProblem(problem: string): Promise<SolvedTrace | null> {
    if (solving) return Promise.resolve(null);
    return new Promise((resolve) =>
      editing.stopThen(() => resolve(solving ? null : runSolve(problem))),
    );
  }

  const intents: TutorIntents = {
    solve: (problem) => void solveProblem(problem),
    // Everything Python is doing for the page: the solve's cells, a re-run, an answer check.
    stop: () => {
      solving?.abort();
      editing.stop();
      checking.stop();
    },
    ...editing.intents,
    ...checking.intents,
    ...models.intents,
    openSavedSolution: (file) => void playback.open(readSolutionFile(file)),
  };
  // The live evaluation (scripts/eval/eval.ts) drives the UI's own loader and solve loop, as the sandbox tests do.
  if (new URLSearchParams(page.search).has('exposeTutor')) {
    const tutorEval = createEvalHook({
      select: (id) => {
        intents.selectModel(id);
        return models.selectedId() === id;
      },
      contextLength: () => loader.current()?.model.contextLength,
      load: models.load,
      solve: (problem) =>
        solving ? Promise.reject(new Error('A solve is already running')) : runSolve(problem),
    });
    Object.assign(window, { tutorEval });
  }

  return {
    intents,
    solve: solveProblem,
    onSolveStart: starts.on,
    onAnswerChecked: checks.on,
    loadRefused: models.loadRefused,
    start() {
      mirrorSandboxStatus(sandbox);
      sandbox.start();
      const shown = models.start();
      if (config.playbackUrl) void playback.open(fetchSolution(config.playbackUrl, page));
      return shown;
    },
  };
}
