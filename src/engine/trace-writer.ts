import type { BlockKind, CellOutput, NoticeCode, TraceEvent } from './types';

/** Emits one run's trace events: gives blocks their ids, keeps their text, and says each notice once. */
export class TraceWriter {
  readonly blocks: Array<{ kind: BlockKind; text: string }> = [];
  private nextId = 1;
  private open: { id: string; kind: BlockKind; text: string } | null = null;
  private readonly said = new Set<string>();
  private readonly idPrefix: string;

  /** `earlier` blocks count towards the caps and the answer but are not emitted; `idPrefix` keeps new ids apart from theirs. */
  constructor(
    private readonly emit: (event: TraceEvent) => void,
    options: { earlier?: ReadonlyArray<{ kind: BlockKind; text: string }>; idPrefix?: string } = {},
  ) {
    this.blocks.push(...(options.earlier ?? []));
    this.idPrefix = options.idPrefix ?? 'block-';
  }

  get modelBlockCount(): number {
    return (
      this.blocks.filter((b) => b.kind !== 'execution').length +
      (this.open && this.open.kind !== 'execution' ? 1 : 0)
    );
  }

  start(kind: BlockKind): void {
    this.end();
    this.open = { id: `${this.idPrefix}${this.nextId++}`, kind, text: '' };
    this.emit({ type: 'block-start', id: this.open.id, kind });
  }

  delta(text: string): void {
    if (!this.open || text === '') return;
    this.open.text += text;
    this.emit({ type: 'block-delta', id: this.open.id, text });
  }

  /** Ends the open block, if any; an execution block ended without `execution` was interrupted. */
  end(execution?: Omit<CellOutput, 'text'>): void {
    if (!this.open) return;
    const { id, kind, text } = this.open;
    this.open = null;
    this.blocks.push({ kind, text });
    this.emit(execution ? { type: 'block-end', id, execution } : { type: 'block-end', id });
  }

  notice(code: NoticeCode, message: string): void {
    const key = `${code}:${message}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    this.emit({ type: 'notice', code, message });
  }

  send(event: TraceEvent): void {
    this.emit(event);
  }
}
