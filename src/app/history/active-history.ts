import type { History, NewCheck } from './history-service';

// Set by the main app's entry only, so the embeddable widget never reads or writes history.
let active: History | null = null;

export function setActiveHistory(history: History | null): void {
  active = history;
}

export function activeHistory(): History | null {
  return active;
}

/** Saves an answer check with the entry now shown; resolves false when history is off or failed. */
export function recordCheck(check: NewCheck): Promise<boolean> {
  const id = active?.currentEntryId();
  return active && id ? active.addCheck(id, check) : Promise.resolve(false);
}
