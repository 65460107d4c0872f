import type { HistoryItemStatus } from '../state/history-store';

export const statusLabel: Record<HistoryItemStatus, string> = {
  solving: 'solving',
  done: 'solved',
  stopped: 'stopped',
  failed: 'failed',
  interrupted: 'interrupted',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatWhen(ms: number): string {
  return dateFormat.format(new Date(ms));
}

/** A problem shortened for a list row or a button's accessible name. */
export function shortProblem(problem: string, max = 80): string {
  const flat = problem.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
