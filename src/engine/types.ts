// The engine's contracts: what a model backend, the Python sandbox and the UI agree on.

/** Runs model-written Python. The app passes the sandbox client; the engine never imports it. */
export interface CodeRunner {
  /** Runs one cell in the current problem's namespace. Never rejects for Python errors. */
  run(code: string, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<CellOutput>;
  /** Fresh namespace for the next problem. */
  reset(): Promise<void>;
}

export interface CellOutput {
  /** What Jupyter would show: stdout/stderr, then the last expression's repr, then the traceback. */
  text: string;
  /** What the cell printed (stdout and stderr) before any value or traceback, where the runner knows. */
  stream?: string;
  error: boolean;
  timedOut: boolean;
  durationMs: number;
}

export interface LoadProgress {
  /** 0…1, or null when the total is unknown. */
  fraction: number | null;
  text: string;
}

export interface Usage {
  /** Prompt tokens the model read (prefill); tokens reused from its KV cache are not counted here. */
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens reused from the KV cache instead of being read again, when the backend reports it. */
  cachedPromptTokens?: number;
  /** Tokens in the last call's whole prompt (read plus reused), when the backend reports it. */
  contextTokens?: number;
  prefillTokensPerSecond?: number;
  decodeTokensPerSecond?: number;
  timeToFirstTokenSeconds?: number;
}

export interface GenerateRequest {
  /** The whole context so far, in the prompt format's text form. */
  prompt: string;
  stop: readonly string[];
  maxTokens: number;
  signal?: AbortSignal;
}

export interface GenerateResult {
  /** `length`: `maxTokens` was reached; `context`: the context window filled first. */
  finishReason: 'stop' | 'length' | 'context' | 'abort';
  /** The stop string that ended generation, when the backend knows it (it is not part of the text). */
  stopSequence: string | null;
  usage?: Usage;
}

/** One interface for every backend: WebLLM, llama.cpp, and the playback of a saved solution. */
export interface LanguageModel {
  readonly id: string;
  readonly label: string;
  /** A playback is shown to users as a saved solution, never as a live model. */
  readonly kind: 'live' | 'playback';
  /** Engine and device in words, for the UI ("llama.cpp (wllama) on CPU, 2 threads"). */
  readonly runtime?: string;
  /** Tokens the context holds, prompt and generation together, when the backend knows. */
  readonly contextLength?: number;
  /** Tokens `text` takes in the context: exact with the model's tokenizer, an estimate where the backend has none. */
  countTokens?(text: string): Promise<number>;
  generate(request: GenerateRequest, onText: (delta: string) => void): Promise<GenerateResult>;
  /** Forget the previous problem's context (KV cache, playback cursor). */
  reset(): Promise<void>;
  dispose(): Promise<void>;
}

export type BlockKind = 'text' | 'code' | 'execution';

export type ExecutionInfo = Pick<CellOutput, 'error' | 'timedOut' | 'durationMs'>;

/** One block of a trace as the store holds it. */
export interface TraceBlock {
  id: string;
  kind: BlockKind;
  text: string;
  done: boolean;
  execution?: ExecutionInfo;
  /** A code cell the student changed and re-ran. */
  edited?: boolean;
  /** Prose written before an earlier cell was edited: it may no longer follow from the outputs above it. */
  stale?: boolean;
}

/** What the loop tells the UI, in order. Data flows one way: engine → events → store → components. */
export type TraceEvent =
  | { type: 'block-start'; id: string; kind: BlockKind }
  | { type: 'block-delta'; id: string; text: string }
  | { type: 'block-end'; id: string; execution?: Omit<CellOutput, 'text'> }
  | { type: 'answer'; text: string }
  | { type: 'notice'; code: NoticeCode; message: string }
  /** The first `leftOutBlocks` blocks of the trace are no longer in the model's context (it was full). */
  | { type: 'context-trimmed'; leftOutBlocks: number }
  | { type: 'usage'; usage: Usage; pythonMs: number };

export type NoticeCode =
  | 'block-token-cap'
  | 'block-count-cap'
  | 'context-trimmed'
  | 'context-full'
  | 'output-truncated'
  | 'malformed-output';

export type SolveOutcome =
  | { status: 'finished'; answer: string | null }
  | { status: 'stopped' }
  | { status: 'capped'; answer: string | null }
  | { status: 'failed'; error: EngineErrorData };

/** Errors travel as data with a stable code, so the UI can say what to do about each. */
export interface EngineErrorData {
  code: EngineErrorCode;
  message: string;
}

export type EngineErrorCode =
  | 'no-webgpu'
  | 'no-shader-f16'
  | 'model-files-missing'
  | 'download-failed'
  | 'offline'
  | 'device-lost'
  | 'out-of-memory'
  | 'storage-full'
  | 'model-not-loaded'
  | 'context-full'
  | 'bad-trace'
  | 'sandbox-failed'
  | 'app-outdated'
  | 'widget-covered'
  | 'download-declined'
  | 'unknown';

/** This app's own saved-solution format (also what "Open saved solution" and `?playback=` read). */
export interface SavedSolution {
  format: 'mathcoder-tutor/solution';
  version: 1;
  problem: string;
  /** Id of the model that wrote it, when known. */
  model?: string;
  blocks: Array<{ kind: BlockKind; text: string }>;
}
