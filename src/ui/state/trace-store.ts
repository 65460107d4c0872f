import { create } from 'zustand';
import type {
  EngineErrorData,
  NoticeCode,
  SolveOutcome,
  TraceEvent,
  Usage,
} from '../../engine/types';
import type { TraceBlock } from '../trace/trace-block';

export type { TraceBlock };

export type TraceStatus = 'idle' | 'solving' | 'done' | 'stopped' | 'failed';

export interface TraceNotice {
  code: NoticeCode;
  message: string;
}

export interface TraceState {
  /** What the Problem box holds. */
  problem: string;
  blocks: TraceBlock[];
  answer: string | null;
  status: TraceStatus;
  /** Set when a solve ends with the engine's block cap rather than the model's own end. */
  capped: boolean;
  error: EngineErrorData | null;
  notices: TraceNotice[];
  /** The first this many blocks are no longer in the model's context. */
  leftOutBlocks: number;
  usage: { usage: Usage; pythonMs: number } | null;
  setProblem(problem: string): void;
  start(): void;
  /** Starts a solve that goes on after `blocks` (continue from an edited cell). */
  resume(blocks: TraceBlock[]): void;
  applyEvent(event: TraceEvent): void;
  finish(outcome: SolveOutcome): void;
  fail(error: EngineErrorData): void;
  /** Puts edited blocks on screen (edit & re-run). */
  setBlocks(blocks: TraceBlock[]): void;
  /** Shows a trace kept from earlier (a history entry), finished. */
  show(trace: ShownTrace): void;
  /** Back to an empty Problem box and no trace. */
  reset(): void;
}

/** A finished trace to put on screen as it was kept. */
export type ShownTrace = Pick<
  TraceState,
  'problem' | 'blocks' | 'answer' | 'status' | 'capped' | 'error' | 'notices' | 'usage'
>;

const emptyTrace = {
  blocks: [],
  answer: null,
  capped: false,
  error: null,
  notices: [],
  leftOutBlocks: 0,
  usage: null,
} satisfies Partial<TraceState>;

/** Replaces one block, searching from the end because events almost always touch the last one. */
function updateBlock(
  blocks: TraceBlock[],
  id: string,
  update: (block: TraceBlock) => TraceBlock,
): TraceBlock[] {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i]!;
    if (block.id !== id) continue;
    const next = blocks.slice();
    next[i] = update(block);
    return next;
  }
  return blocks;
}

export function reduceTrace(state: TraceState, event: TraceEvent): Partial<TraceState> {
  switch (event.type) {
    case 'block-start':
      return {
        blocks: [...state.blocks, { id: event.id, kind: event.kind, text: '', done: false }],
      };
    case 'block-delta':
      return {
        blocks: updateBlock(state.blocks, event.id, (b) => ({ ...b, text: b.text + event.text })),
      };
    case 'block-end':
      return {
        blocks: updateBlock(state.blocks, event.id, (b) =>
          event.execution ? { ...b, done: true, execution: event.execution } : { ...b, done: true },
        ),
      };
    case 'answer':
      return { answer: event.text };
    case 'notice':
      return { notices: [...state.notices, { code: event.code, message: event.message }] };
    case 'usage':
      return { usage: { usage: event.usage, pythonMs: event.pythonMs } };
    case 'context-trimmed':
      return { leftOutBlocks: event.leftOutBlocks };
  }
}

/** Blocks still open when a solve ends are closed, so nothing keeps looking live. */
function closeAll(blocks: TraceBlock[]): TraceBlock[] {
  return blocks.some((b) => !b.done)
    ? blocks.map((b) => (b.done ? b : { ...b, done: true }))
    : blocks;
}

export const useTraceStore = create<TraceState>()((set) => ({
  problem: '',
  status: 'idle',
  ...emptyTrace,
  setProblem: (problem) => set({ problem }),
  start: () => set({ ...emptyTrace, status: 'solving' }),
  resume: (blocks) => set({ ...emptyTrace, blocks, status: 'solving' }),
  applyEvent: (event) => set((state) => reduceTrace(state, event)),
  finish: (outcome) =>
    set((state) => {
      const blocks = closeAll(state.blocks);
      switch (outcome.status) {
        case 'finished':
          return { blocks, status: 'done', answer: outcome.answer ?? state.answer };
        case 'capped':
          return { blocks, status: 'done', capped: true, answer: outcome.answer ?? state.answer };
        case 'stopped':
          return { blocks, status: 'stopped' };
        case 'failed':
          return { blocks, status: 'failed', error: outcome.error };
      }
    }),
  fail: (error) => set((state) => ({ blocks: closeAll(state.blocks), status: 'failed', error })),
  setBlocks: (blocks) => set({ blocks }),
  show: (trace) => set(trace),
  reset: () => set({ ...emptyTrace, problem: '', status: 'idle' }),
}));
