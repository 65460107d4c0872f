import type { SavedSolution } from '../engine/types';

/** The parse worker's one answer: the solution, or why the file is not one (an EngineError's message). */
export type ParseReply = { ok: true; solution: SavedSolution } | { ok: false; message: string };
