// Test doubles for the engine's tests: an in-memory model, a fake code runner, seeded random chunking.
import { mathcoderFormat } from './formats/mathcoder';
import type { BlockParser, ParserEvent } from './parsing/block-parser';
import { solve, type SolveArgs } from './solve';
import type {
  CellOutput,
  CodeRunner,
  GenerateRequest,
  GenerateResult,
  LanguageModel,
  TraceEvent,
  Usage,
} from './types';

/** mulberry32: a small seeded generator, so failures repeat. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cuts `text` into chunks of 1 to `maxChunk` characters. */
export function randomSplit(text: string, random: () => number, maxChunk = 12): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length;) {
    const size = 1 + Math.floor(random() * maxChunk);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}

export interface ParsedBlock {
  kind: string;
  text: string;
}

/** Feeds chunks to a parser and folds the events into blocks, checking that deltas add up to each block's text. */
export function parseChunks(
  parser: BlockParser,
  chunks: readonly string[],
  options: { close?: boolean } = {},
) {
  const events: ParserEvent[] = [];
  for (const chunk of chunks) events.push(...parser.push(chunk));
  const { events: flushed, dropped } = parser.flush();
  events.push(...flushed);
  if (options.close ?? true) events.push(...parser.close());
  const blocks: ParsedBlock[] = [];
  let open: ParsedBlock | null = null;
  for (const event of events) {
    if (event.type === 'block-start') {
      if (open) throw new Error('block-start inside an open block');
      open = { kind: event.kind, text: '' };
    } else if (event.type === 'block-delta') {
      if (!open) throw new Error('block-delta outside a block');
      open.text += event.text;
    } else if (event.type === 'block-end') {
      if (!open || open.text !== event.text || open.kind !== event.kind)
        throw new Error('block-end does not match its deltas');
      blocks.push(open);
      open = null;
    }
  }
  if (open && (options.close ?? true)) throw new Error('a block was left open');
  const notices = events.flatMap((e) => (e.type === 'malformed' ? [e.message] : []));
  const ended = events.some((e) => e.type === 'end-of-message');
  return { blocks, notices, ended, dropped, events };
}

export interface ScriptedResponse {
  /** Deltas, written in order. */
  chunks: string[];
  finishReason?: GenerateResult['finishReason'];
  stopSequence?: string | null;
  usage?: Usage;
  /** Keep the generation open after the chunks until the request's signal aborts. */
  hang?: boolean;
}

/** An in-memory model that answers each call with the next scripted response and records what it was asked. */
export class ScriptedModel implements LanguageModel {
  readonly id = 'scripted';
  readonly label = 'Scripted model';
  readonly kind = 'live' as const;
  readonly requests: GenerateRequest[] = [];
  resets = 0;
  private next = 0;

  constructor(private readonly responses: ScriptedResponse[]) {}

  async generate(
    request: GenerateRequest,
    onText: (delta: string) => void,
  ): Promise<GenerateResult> {
    this.requests.push(request);
    const response = this.responses[this.next++];
    if (!response) throw new Error('The scripted model has no more responses.');
    for (const chunk of response.chunks) {
      await Promise.resolve();
      if (request.signal?.aborted) return { finishReason: 'abort', stopSequence: null };
      onText(chunk);
    }
    if (response.hang) {
      if (!request.signal?.aborted) {
        await new Promise<void>((resolve) =>
          request.signal?.addEventListener('abort', () => resolve(), { once: true }),
        );
      }
      return { finishReason: 'abort', stopSequence: null };
    }
    return {
      finishReason: response.finishReason ?? 'stop',
      stopSequence: response.stopSequence ?? null,
      usage: response.usage,
    };
  }

  async reset() {
    this.resets++;
  }

  async dispose() {}
}

/** A model whose generation never settles, even after an abort: the loop must not wait for it. */
export class DeafModel extends ScriptedModel {
  override async generate(
    request: GenerateRequest,
    onText: (delta: string) => void,
  ): Promise<GenerateResult> {
    this.requests.push(request);
    onText('<|text|>Thinking');
    return new Promise<GenerateResult>(() => undefined);
  }
}

type CellScript = Partial<CellOutput> | ((code: string) => Partial<CellOutput>);

/** A code runner that answers from a script, or hangs until aborted when `hang` is set. */
export class FakeRunner implements CodeRunner {
  readonly calls: Array<{ code: string; options?: { signal?: AbortSignal; timeoutMs?: number } }> =
    [];
  resets = 0;
  hang = false;

  constructor(private readonly script: CellScript = {}) {}

  async run(
    code: string,
    options?: { signal?: AbortSignal; timeoutMs?: number },
  ): Promise<CellOutput> {
    this.calls.push({ code, options });
    if (this.hang) return new Promise<CellOutput>(() => undefined);
    const answer = typeof this.script === 'function' ? this.script(code) : this.script;
    return { text: '', error: false, timedOut: false, durationMs: 5, ...answer };
  }

  async reset() {
    this.resets++;
  }
}

/** Collects trace events; `summary` keeps what the order tests compare. */
export class EventLog {
  readonly events: TraceEvent[] = [];
  readonly push = (event: TraceEvent) => {
    this.events.push(event);
  };

  get summary(): string[] {
    return this.events.map((e) => {
      switch (e.type) {
        case 'block-start':
          return `start ${e.kind}`;
        case 'block-delta':
          return 'delta';
        case 'block-end':
          return e.execution
            ? `end (error=${e.execution.error}, timedOut=${e.execution.timedOut})`
            : 'end';
        case 'answer':
          return `answer ${e.text}`;
        case 'notice':
          return `notice ${e.code}`;
        case 'context-trimmed':
          return `context-trimmed ${e.leftOutBlocks}`;
        case 'usage':
          return 'usage';
      }
    });
  }

  /** Consecutive deltas folded, for a readable order check. */
  get compact(): string[] {
    return this.summary.filter((line, i, all) => line !== 'delta' || all[i - 1] !== 'delta');
  }

  /** Each block's kind and full text, in order. */
  get blocks(): Array<{ id: string; kind: string; text: string }> {
    const blocks: Array<{ id: string; kind: string; text: string }> = [];
    for (const e of this.events) {
      if (e.type === 'block-start') blocks.push({ id: e.id, kind: e.kind, text: '' });
      if (e.type === 'block-delta') {
        const block = blocks.find((b) => b.id === e.id);
        if (block) block.text += e.text;
      }
    }
    return blocks;
  }
}

/** The problem the solve tests work on (GSM8K's first). */
export const DUCKS_PROBLEM =
  "Janet's ducks lay 16 eggs a day. She eats 3 and bakes with 4, and sells the rest at $2 each. How much does she make?";

/** Solves `DUCKS_PROBLEM` in MathCoder's format with a runner that prints 18, unless told otherwise. */
export function runSolve(overrides: Partial<SolveArgs> & Pick<SolveArgs, 'model'>) {
  const log = new EventLog();
  const runner = (overrides.runner as FakeRunner | undefined) ?? new FakeRunner({ text: '18' });
  const outcome = solve({
    problem: DUCKS_PROBLEM,
    format: mathcoderFormat,
    runner,
    signal: new AbortController().signal,
    onEvent: log.push,
    ...overrides,
  });
  return { log, runner, outcome };
}
