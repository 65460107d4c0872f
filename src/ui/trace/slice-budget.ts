// A slice per frame: the browser lays out and paints what one slice typeset before the next one starts.
function afterNextFrame(run: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') setTimeout(run, 0);
  else requestAnimationFrame(() => setTimeout(run, 0));
}

/**
 * How much typesetting one frame of the page may do, in time and in HTML (what the browser then lays out and paints):
 * the first formula starts a slice, and past either budget the rest wait for the next slice, which the budget asks
 * for once this one is over.
 */
export class SliceBudget {
  private started: number | null = null;
  private heldBack = false;
  private chars = 0;

  constructor(
    private readonly budgetMs: number,
    private readonly budgetChars: number,
    private readonly onHeldBack: () => void,
    private readonly now: () => number = () => performance.now(),
    private readonly later: (run: () => void) => void = afterNextFrame,
  ) {}

  /** Whether one more formula may be typeset in this task; false holds it back to a later one. */
  allows(): boolean {
    const now = this.now();
    if (this.started === null) {
      this.started = now;
      this.chars = 0;
      this.later(() => this.end());
      return true;
    }
    if (now - this.started < this.budgetMs && this.chars < this.budgetChars) return true;
    this.heldBack = true;
    return false;
  }

  /** Counts the HTML of a formula typeset in this slice. */
  spend(chars: number): void {
    this.chars += chars;
  }

  private end(): void {
    this.started = null;
    if (!this.heldBack) return;
    this.heldBack = false;
    this.onHeldBack();
  }
}
