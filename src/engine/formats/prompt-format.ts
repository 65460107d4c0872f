import type { BlockParser, ModelBlockKind, ParserState } from '../parsing/block-parser';
import type { CellOutput } from '../types';

export type FormatId = 'mathcoder' | 'qwen-tir';

/** What a generation that ended on a stop means: a block boundary (run code if it was code, then continue) or the end of the answer. */
export type StopMeaning = 'block' | 'end';

/** A model's prompt format, as data plus the few functions that differ between formats. */
export interface PromptFormat {
  readonly id: FormatId;
  readonly label: string;
  readonly systemPrompt: string;
  readonly stop: readonly string[];
  /** The stop that ends the model's turn; a playback writes it after the last block. */
  readonly endOfMessage: string;
  /** Model blocks one generation may hold: the token budget of a call is this times the per-block cap. */
  readonly blocksPerGeneration: number;
  /** Whether a short closing text block carries the bare answer (MathCoder writes one after the \boxed sentence). */
  readonly bareAnswerBlock: boolean;
  buildPrompt(problem: string): string;
  createParser(): BlockParser;
  /** `stop` is the stop string that ended the generation, or null when the backend cannot tell. */
  stopMeaning(stop: string | null, state: ParserState): StopMeaning;
  /** What goes into the context for a generation that ended at a block boundary. */
  continuation(generated: string): string;
  /** Code exactly as the context holds it (MathCoder's reference runs the rounded code). */
  codeToRun(code: string): string;
  /** What of a cell's output the model reads back, before trimming and capping; the whole Jupyter text by default. */
  executionText?(cell: CellOutput): string;
  /** Tokens one generation may write, where the format's reference sets it (else blocks × the per-block cap). */
  readonly maxTokensPerCall?: number;
  /** Generations per problem, where the format's reference sets it (Qwen2.5-Math's tool calls). */
  readonly maxCalls?: number;
  /** An execution's output (trimmed and capped) in the format's text form. */
  renderExecution(output: string): string;
  /** A recorded model block as the live model would write it, up to and including the stop it would hit. */
  renderModelBlock(kind: ModelBlockKind, text: string): string;
}
