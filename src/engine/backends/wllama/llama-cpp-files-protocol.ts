import type { EngineErrorData } from '../../types';
import type { ModelShape } from './context-plan';

/** What the worker is asked: split a one-file model into llama.cpp's parts, or prepare the first part's header. */
export type LlamaCppFilesRequest =
  | { job: 'split'; file: Blob; url: string; splitBytes: number }
  | { job: 'first-part'; first: Blob; partCount: number; url: string; textTokens: string[] };

export interface SplitReply {
  parts: Blob[];
  tensorCount: number;
}

export interface FirstPartReply {
  blob: Blob;
  shape: ModelShape | null;
  spacePrefix: boolean;
}

/** The worker answers each request once; an EngineError travels as its data. */
export type LlamaCppFilesReply<T> = { ok: true; value: T } | { ok: false; error: EngineErrorData };
