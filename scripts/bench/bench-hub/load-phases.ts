// When each phase of a model load begins, read from the model panel's progress text as the benchmark polls it, so the
// download, the sha256 check, the split and llama.cpp's start can be timed apart without instrumenting the app.
export type LoadPhase = 'download' | 'sha256' | 'split' | 'start' | 'storage';

const PHASE_OF: Array<[RegExp, LoadPhase]> = [
  [/^Downloading /, 'download'],
  [/^Checking the download /, 'sha256'],
  [/^Preparing .* for llama\.cpp/, 'split'],
  [/^Starting llama\.cpp/, 'start'],
  [/^Loading .* from browser storage/, 'storage'],
];

export class LoadPhases {
  /** Milliseconds (Date.now()) each phase was first seen since the last reset. */
  seen = new Map<LoadPhase, number>();
  lastText = '';

  /** Records a progress text the page showed; the first text of each phase marks when it began. */
  note(text: string, at = Date.now()): void {
    this.lastText = text;
    const phase = PHASE_OF.find(([pattern]) => pattern.test(text))?.[1];
    if (phase && !this.seen.has(phase)) this.seen.set(phase, at);
  }

  reset(): void {
    this.seen.clear();
    this.lastText = '';
  }

  /** Seconds from the start of `phase` to the next phase seen, or to `end` when none followed. */
  span(phase: LoadPhase, end: number): number | null {
    const start = this.seen.get(phase);
    if (start === undefined) return null;
    const later = [...this.seen.values()].filter((t) => t > start);
    return ((later.length > 0 ? Math.min(...later) : end) - start) / 1000;
  }
}
