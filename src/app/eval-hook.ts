import type { EngineErrorData, Usage } from '../engine/types';
import type { LoadState } from '../ui/state/model-store';
import type { TraceNotice } from '../ui/state/trace-store';
import type { TraceBlock } from '../ui/trace/trace-block';
import type { SolvedTrace } from './solve-events';

export type EvalLoadResult =
  | { ok: true; runtime: string | null; contextLength: number | null }
  | { ok: false; error: EngineErrorData };

/** One problem as the evaluation records it: the trace as the solve left it. */
export interface EvalSolveResult {
  status: 'done' | 'stopped' | 'failed' | 'idle' | 'solving';
  capped: boolean;
  answer: string | null;
  error: EngineErrorData | null;
  blocks: Array<Pick<TraceBlock, 'kind' | 'text' | 'execution'>>;
  notices: TraceNotice[];
  usage: Usage | null;
  pythonMs: number;
}

/** `window.tutorEval` under `?exposeTutor`: what `npm run eval -- --dataset` drives with page.evaluate. */
export interface TutorEval {
  /** Selects and loads a model the way Load model does; resolves once it is ready or has failed. */
  loadModel(id: string): Promise<EvalLoadResult>;
  /** Solves one problem with the loaded model through the UI's own solve path. */
  solve(problem: string): Promise<EvalSolveResult>;
}

// Loaded on its own under ?exposeTutor; it reaches the app only through these parts, so its chunk takes no module out
// of the first page's bundle.
export function createEvalHook(parts: {
  select(id: string): boolean;
  /** The ids Load model knows, for the message when `select` finds none. */
  modelIds(): string[];
  load(): Promise<void>;
  /** How the last load went, as the model panel shows it. */
  loadState(): LoadState;
  /** Tokens the loaded model's context holds, as its engine reported after loading. */
  contextLength(): number | undefined;
  /** Puts the problem in the problem box and solves it. */
  solve(problem: string): Promise<SolvedTrace>;
}): TutorEval {
  return {
    async loadModel(id) {
      if (!parts.select(id)) {
        const known = parts.modelIds().join(', ');
        return {
          ok: false,
          error: { code: 'unknown', message: `No model ${id} (known: ${known})` },
        };
      }
      await parts.load();
      const load = parts.loadState();
      if (load.status === 'ready')
        return {
          ok: true,
          runtime: load.runtime ?? null,
          contextLength: parts.contextLength() ?? null,
        };
      if (load.status === 'failed') return { ok: false, error: load.error };
      return { ok: false, error: { code: 'unknown', message: `Loading ended as ${load.status}` } };
    },
    async solve(problem) {
      const t = await parts.solve(problem);
      return {
        status: t.status,
        capped: t.capped,
        answer: t.answer,
        error: t.error,
        blocks: t.blocks.map(({ kind, text, execution }) => ({ kind, text, execution })),
        notices: t.notices,
        usage: t.usage?.usage ?? null,
        pythonMs: t.usage?.pythonMs ?? 0,
      };
    },
  };
}
