import { abortError, raceAbort } from './abort';
import { extractAnswer } from './answer';
import { contextRoundsFromBlocks, type PrefixBlock } from './editing/prefix-context';
import { prepareNamespace } from './editing/rerun-cells';
import { EngineError, isAbortError, toEngineError } from './errors';
import { timeoutText } from '../sandbox/timeout-text';
import { capExecutionOutput } from './formats/execution-output';
import type { PromptFormat } from './formats/prompt-format';
import { generateStep, type StepResult } from './generate-step';
import { fitContext, ModelContext } from './model-context';
import { resetNamespace, runCell } from './run-cell';
import { TraceWriter } from './trace-writer';
import type { CodeRunner, LanguageModel, SolveOutcome, TraceEvent } from './types';
import { UsageTotal } from './usage-total';

export interface SolveLimits {
  /** New tokens per model block (the reference's max_new_tokens per call). */
  maxTokensPerBlock: number;
  /** Model-written blocks per problem (the reference's 16 calls). */
  maxBlocks: number;
  /** Time limit of one code cell (the reference kernel's 6 s). */
  cellTimeoutMs: number;
}

export const DEFAULT_LIMITS: SolveLimits = {
  maxTokensPerBlock: 512,
  maxBlocks: 16,
  cellTimeoutMs: 6000,
};

export interface SolveArgs {
  problem: string;
  model: LanguageModel;
  format: PromptFormat;
  runner: CodeRunner;
  signal: AbortSignal;
  limits?: Partial<SolveLimits>;
  onEvent: (event: TraceEvent) => void;
  /**
   * Blocks that already happened (a trace the student edited): their cells prepare a fresh namespace, they
   * become the model's context, and only what comes after them is emitted. A last code block is run first.
   */
  prefix?: readonly PrefixBlock[];
  /** Start of new block ids, so that blocks written after a `prefix` do not take its blocks' ids. */
  blockIdPrefix?: string;
}

/** A playback writes its recording again; it has nothing to say after an edited step. */
export const PLAYBACK_CANNOT_CONTINUE =
  'A playback of a saved solution cannot go on past its recording, so it cannot continue from an edited step. Load a model to continue from here.';

/** Generate → run code → feed the output back → continue, until the model ends its answer, a cap is hit, or `signal` aborts. */
export async function solve(args: SolveArgs): Promise<SolveOutcome> {
  const { problem, model, format, runner, signal } = args;
  const limits = { ...DEFAULT_LIMITS, ...args.limits };
  const { prefix } = args;
  const writer = new TraceWriter(args.onEvent, { earlier: prefix, idPrefix: args.blockIdPrefix });
  const usage = new UsageTotal();

  const finish = (outcome: SolveOutcome): SolveOutcome => {
    writer.end();
    if (outcome.status === 'finished' || outcome.status === 'capped') {
      const answer = extractAnswer(writer.blocks, { bareAnswerBlock: format.bareAnswerBlock });
      if (answer !== null) writer.send({ type: 'answer', text: answer });
      writer.send(usage.toEvent());
      return { ...outcome, answer };
    }
    writer.send(usage.toEvent());
    return outcome;
  };

  /** Runs a cell the model wrote and shows its output; returns what the model is fed. */
  const execute = async (code: string): Promise<string> => {
    writer.start('execution');
    const cell = await runCell(runner, code, signal, limits.cellTimeoutMs);
    let text = (format.executionText?.(cell) ?? cell.text).trim();
    // A runner that printed nothing at its limit: the sandbox's own timeout line, as a sentence for the model.
    if (text === '' && cell.timedOut) text = `${timeoutText(limits.cellTimeoutMs)}.`;
    const fed = capExecutionOutput(text);
    writer.delta(fed.text);
    writer.end({ error: cell.error, timedOut: cell.timedOut, durationMs: cell.durationMs });
    usage.addPython(cell.durationMs);
    if (fed.cutChars > 0) {
      writer.notice(
        'output-truncated',
        `An output of ${text.length} characters was shortened for the model: ${fed.cutChars} characters from its middle were cut.`,
      );
    }
    return fed.text;
  };

  try {
    if (signal.aborted) throw abortError();
    if (prefix && model.kind === 'playback') {
      return finish({
        status: 'failed',
        error: { code: 'model-not-loaded', message: PLAYBACK_CANNOT_CONTINUE },
      });
    }
    const pendingCode = prefix?.at(-1)?.kind === 'code' ? prefix.at(-1)!.text : null;
    await raceAbort(
      Promise.all([
        prefix
          ? prepareNamespace(prefix, prefix.length - (pendingCode === null ? 0 : 1), {
              runner,
              format,
              signal,
              cellTimeoutMs: limits.cellTimeoutMs,
            })
          : resetNamespace(runner, signal),
        model.reset(),
      ]),
      signal,
    );

    const context = new ModelContext(
      format.buildPrompt(problem),
      prefix ? contextRoundsFromBlocks(format, prefix) : [],
    );
    if (pendingCode !== null) {
      context.extendLastRound(
        format.renderExecution(await execute(format.codeToRun(pendingCode))),
        1,
      );
    }
    // A caller's own cap wins; else the format's reference figure where it has one.
    const maxTokens =
      args.limits?.maxTokensPerBlock === undefined && format.maxTokensPerCall
        ? format.maxTokensPerCall
        : limits.maxTokensPerBlock * format.blocksPerGeneration;
    const maxCalls = format.maxCalls ?? 2 * limits.maxBlocks + 1;
    let leftOut = context.leftOutBlocks;
    /** One call, with the oldest rounds left out when the context is full; a refusal for length leaves out one more. */
    const step = async (): Promise<{ step: StepResult; maxTokens: number }> => {
      for (;;) {
        const fitted = await fitContext(model, context, maxTokens);
        if (context.leftOutBlocks !== leftOut) {
          leftOut = context.leftOutBlocks;
          writer.send({ type: 'context-trimmed', leftOutBlocks: leftOut });
          const size = model.contextLength ? `${model.contextLength}-token ` : '';
          writer.notice(
            'context-trimmed',
            `The solution outgrew the model’s ${size}context, so its earliest steps were left out of what the model reads; it still reads the problem and the latest steps.`,
          );
        }
        try {
          const result = await generateStep({
            model,
            format,
            context: fitted.prompt,
            maxTokens: fitted.maxTokens,
            maxBlocks: limits.maxBlocks,
            signal,
            writer,
            usage,
          });
          return { step: result, maxTokens: fitted.maxTokens };
        } catch (error) {
          const refused = error instanceof EngineError && error.code === 'context-full';
          if (!refused || !context.canLeaveOut()) throw error;
          context.leaveOutOldest();
        }
      }
    };
    // Every call but the last ends a block, so this bound only stops a model that keeps ending empty blocks.
    for (let call = 0; call < maxCalls; call++) {
      const before = writer.blocks.length;
      const { step: result, maxTokens: callMax } = await step();
      switch (result.type) {
        case 'end':
          return finish({ status: 'finished', answer: null });
        case 'block-cap':
          writer.notice(
            'block-count-cap',
            `The model reached the limit of ${limits.maxBlocks} blocks without finishing, so it was stopped.`,
          );
          return finish({ status: 'capped', answer: null });
        case 'token-cap':
        case 'context-cap':
          if (result.type === 'context-cap' || callMax < maxTokens) {
            writer.notice(
              'context-full',
              `The model’s context window${model.contextLength ? ` (${model.contextLength} tokens)` : ''} filled up in the middle of a block, so it was stopped. Load the model with a larger context, or try a shorter problem.`,
            );
          } else {
            writer.notice(
              'block-token-cap',
              `The model wrote ${maxTokens} tokens without ending a block (it may be repeating itself), so it was stopped.`,
            );
          }
          return finish({ status: 'capped', answer: null });
        case 'block':
          context.addRound(format.continuation(result.generated), writer.blocks.length - before);
          if (result.code !== null) {
            context.extendLastRound(
              format.renderExecution(await execute(format.codeToRun(result.code))),
              1,
            );
          }
      }
    }
    writer.notice(
      'block-count-cap',
      format.maxCalls
        ? `The model used the ${maxCalls} tool calls its reference allows without finishing, so it was stopped.`
        : `The model ended ${maxCalls} generations without finishing, so it was stopped.`,
    );
    return finish({ status: 'capped', answer: null });
  } catch (error) {
    if (signal.aborted || isAbortError(error)) return finish({ status: 'stopped' });
    return finish({ status: 'failed', error: toEngineError(error) });
  }
}
