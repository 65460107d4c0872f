export type ModelBlockKind = 'text' | 'code';

/** What a parser reads out of the model's text; the loop gives blocks their ids. */
export type ParserEvent =
  | { type: 'block-start'; kind: ModelBlockKind }
  | { type: 'block-delta'; text: string }
  | { type: 'block-end'; kind: ModelBlockKind; text: string }
  | { type: 'end-of-message' }
  | { type: 'malformed'; message: string };

export interface ParserState {
  /** The block the model is writing, announced or not yet (it may still be empty). */
  openKind: ModelBlockKind | null;
  /** The kind of the last closed non-empty block, until another block opens. */
  lastClosedKind: ModelBlockKind | null;
}

/** Turns model text deltas into block events, whatever the chunk boundaries. */
export interface BlockParser {
  push(delta: string): ParserEvent[];
  /**
   * Resolves text held back at the end of a generation. Text that only begins a stop string is dropped
   * (backends can stream part of a stop string before they recognise it) and returned as `dropped`.
   */
  flush(): { events: ParserEvent[]; dropped: string };
  /** Closes the open block. */
  close(): ParserEvent[];
  readonly state: ParserState;
}

/** True when `pending` is the start, not the whole, of one of the stop strings. */
export function isStopPrefix(pending: string, stops: readonly string[]): boolean {
  return pending !== '' && stops.some((stop) => stop !== pending && stop.startsWith(pending));
}

/** What both formats share: text waits in `pending` until it cannot be the start of a token or a stop string. */
export abstract class BufferedBlockParser implements BlockParser {
  protected readonly blocks = new BlockAssembler();
  protected pending = '';

  constructor(protected readonly stops: readonly string[]) {}

  get state(): ParserState {
    return this.blocks.state;
  }

  push(delta: string): ParserEvent[] {
    this.pending += delta;
    return this.drain(false);
  }

  flush(): { events: ParserEvent[]; dropped: string } {
    if (isStopPrefix(this.pending, this.stops)) {
      const dropped = this.pending;
      this.pending = '';
      return { events: [], dropped };
    }
    return { events: this.drain(true), dropped: '' };
  }

  abstract close(): ParserEvent[];

  /** Emits what `pending` holds; with `final`, nothing more will arrive in this generation. */
  protected abstract drain(final: boolean): ParserEvent[];
}

/**
 * Writes one block at a time: announces a block at its first visible character, drops leading whitespace
 * and holds trailing whitespace back until more text follows, so blocks never start or end blank.
 */
export class BlockAssembler {
  private kind: ModelBlockKind | null = null;
  private announced = false;
  private heldWhitespace = '';
  private text = '';
  private lastClosed: ModelBlockKind | null = null;

  get state(): ParserState {
    return { openKind: this.kind, lastClosedKind: this.lastClosed };
  }

  open(kind: ModelBlockKind, out: ParserEvent[]): void {
    this.close(out);
    this.kind = kind;
    this.lastClosed = null;
  }

  write(chunk: string, out: ParserEvent[]): void {
    if (this.kind === null || chunk === '') return;
    const visible = this.announced ? chunk : chunk.trimStart();
    if (visible === '') return;
    const body = visible.trimEnd();
    if (body === '') {
      this.heldWhitespace += visible;
      return;
    }
    if (!this.announced) {
      out.push({ type: 'block-start', kind: this.kind });
      this.announced = true;
    }
    const text = this.heldWhitespace + body;
    this.heldWhitespace = visible.slice(body.length);
    this.text += text;
    out.push({ type: 'block-delta', text });
  }

  close(out: ParserEvent[]): void {
    if (this.kind === null) return;
    if (this.announced) out.push({ type: 'block-end', kind: this.kind, text: this.text });
    this.lastClosed = this.announced ? this.kind : null;
    this.kind = null;
    this.announced = false;
    this.heldWhitespace = '';
    this.text = '';
  }
}
