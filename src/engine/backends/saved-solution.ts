import { EngineError } from '../errors';
import type { BlockKind, SavedSolution } from '../types';

const FORMAT = 'mathcoder-tutor/solution';
const KINDS: ReadonlySet<string> = new Set<BlockKind>(['text', 'code', 'execution']);

function badSolution(message: string): EngineError {
  return new EngineError('bad-trace', message);
}

/**
 * What a saved solution may hold, in characters. A model's solve stays far below; past these, showing the solution
 * would freeze the page for seconds.
 */
export const SOLUTION_LIMITS = { total: 5_000_000, block: 1_000_000, problem: 100_000 };

export const sizeInWords = (chars: number) =>
  chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} MB` : `${Math.ceil(chars / 1_000)} KB`;

function checkSizes(solution: SavedSolution): SavedSolution {
  const { problem, blocks } = solution;
  if (problem.length > SOLUTION_LIMITS.problem) {
    throw badSolution(
      `The problem in this saved solution is ${sizeInWords(problem.length)} long; this app opens problems of at most ${sizeInWords(SOLUTION_LIMITS.problem)}.`,
    );
  }
  const oversized = blocks.findIndex((block) => block.text.length > SOLUTION_LIMITS.block);
  if (oversized >= 0) {
    throw badSolution(
      `Block ${oversized + 1} of this saved solution holds ${sizeInWords(blocks[oversized]!.text.length)} of text; this app opens blocks of at most ${sizeInWords(SOLUTION_LIMITS.block)}.`,
    );
  }
  const total = blocks.reduce((sum, block) => sum + block.text.length, problem.length);
  if (total > SOLUTION_LIMITS.total) {
    throw badSolution(
      `This saved solution holds ${sizeInWords(total)} of text; this app opens solutions of at most ${sizeInWords(SOLUTION_LIMITS.total)}.`,
    );
  }
  return solution;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSONL: one record a line, the first one is played back.
  }
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
  try {
    return JSON.parse(firstLine);
  } catch {
    throw badSolution('This file is not a saved solution: it is neither JSON nor JSON Lines.');
  }
}

const normalise = (text: string) => text.replace(/\r\n?/g, '\n');

function fromOwnFormat(record: Record<string, unknown>): SavedSolution {
  if (record.version !== 1) {
    throw badSolution(
      `This saved solution has version ${String(record.version)}; this app reads version 1.`,
    );
  }
  if (typeof record.problem !== 'string' || record.problem.trim() === '') {
    throw badSolution('This saved solution has no problem text.');
  }
  if (!Array.isArray(record.blocks))
    throw badSolution('This saved solution has no list of blocks.');
  const blocks = record.blocks.map((block: unknown, index) => {
    const { kind, text } = (block ?? {}) as { kind?: unknown; text?: unknown };
    if (typeof kind !== 'string' || !KINDS.has(kind) || typeof text !== 'string') {
      throw badSolution(
        `Block ${index + 1} of this saved solution is not a {kind: "text" | "code" | "execution", text} object.`,
      );
    }
    return { kind: kind as BlockKind, text: normalise(text) };
  });
  if (!blocks.some((b) => b.kind !== 'execution'))
    throw badSolution('This saved solution has no text or code blocks to play back.');
  return {
    format: FORMAT,
    version: 1,
    problem: normalise(record.problem).trim(),
    ...(typeof record.model === 'string' ? { model: record.model } : {}),
    blocks,
  };
}

/** MathCoder's recorded traces: `debug_result` is system, user, then blocks typed (or roled) text, code or execution. */
function fromMathCoderRecord(debugResult: unknown[]): SavedSolution {
  let problem: string | null = null;
  const blocks: SavedSolution['blocks'] = [];
  for (const entry of debugResult) {
    const { type, role, content } = (entry ?? {}) as {
      type?: unknown;
      role?: unknown;
      content?: unknown;
    };
    const kind = typeof type === 'string' ? type : role;
    if (typeof content !== 'string') continue;
    if (kind === 'user' && problem === null) problem = normalise(content).trim();
    // Executions are computed live when the solution is played back.
    if (kind === 'text' || kind === 'code') blocks.push({ kind, text: normalise(content) });
  }
  if (!problem)
    throw badSolution('This MathCoder record has no user message, so the problem is unknown.');
  if (blocks.length === 0)
    throw badSolution('This MathCoder record has no text or code blocks to play back.');
  return { format: FORMAT, version: 1, problem, blocks };
}

/** Reads this app's saved solutions and MathCoder's recorded traces (JSON or JSONL); throws EngineError('bad-trace') otherwise. */
export function parseSavedSolution(text: string): SavedSolution {
  if (text.trim() === '') throw badSolution('The file is empty.');
  const record = parseJson(text.trim());
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw badSolution('This file is not a saved solution: expected a JSON object.');
  }
  const fields = record as Record<string, unknown>;
  if (fields.format === FORMAT) return checkSizes(fromOwnFormat(fields));
  if (Array.isArray(fields.debug_result))
    return checkSizes(fromMathCoderRecord(fields.debug_result));
  throw badSolution(
    `This file is not a saved solution: expected this app’s format ("format": "${FORMAT}") or a MathCoder record with "debug_result".`,
  );
}

/** This app's saved-solution JSON, ready to write to a file. */
export function serializeSolution(
  problem: string,
  blocks: ReadonlyArray<{ kind: BlockKind; text: string }>,
  modelId?: string,
): string {
  const solution: SavedSolution = {
    format: FORMAT,
    version: 1,
    problem,
    ...(modelId ? { model: modelId } : {}),
    blocks: blocks.map(({ kind, text }) => ({ kind, text })),
  };
  return `${JSON.stringify(solution, null, 2)}\n`;
}
