// What one engine's run of the cross-browser cases found, kept on disk so the README's table is written from it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ENGINES = ['chromium', 'firefox', 'webkit'] as const;
export type EngineKey = (typeof ENGINES)[number];

export interface CaseResult {
  name: string;
  passed: boolean;
  /** The table's cell when it passed; the error when it did not. */
  cell: string;
}

export interface EngineResults {
  /** Engine and version, as the browser reports them. */
  engine: string;
  seconds: number;
  results: CaseResult[];
}

/** Where the suites write and the table script reads (BROWSER_RESULTS moves it). */
export const resultsFolder = () => process.env.BROWSER_RESULTS ?? path.join('.out', 'browsers');

export function writeResults(key: EngineKey, results: EngineResults): string {
  mkdirSync(resultsFolder(), { recursive: true });
  const file = path.join(resultsFolder(), `${key}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

export function readResults(key: EngineKey): EngineResults {
  const file = path.join(resultsFolder(), `${key}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`no ${file}: run npm run test:${key} first`);
  }
  return JSON.parse(text) as EngineResults;
}
