import { BufferedBlockParser } from './block-parser';
import type { ModelBlockKind, ParserEvent } from './block-parser';

/** The special tokens of a block format such as MathCoder's, and what each one does. */
export interface SpecialTokens {
  opens: Readonly<Record<string, ModelBlockKind>>;
  /** Blocks the model must not write (its own execution output): their content is dropped. */
  ignored: readonly string[];
  endOfBlock: readonly string[];
  endOfMessage: readonly string[];
  /** Tokens that start another turn: the model's message ends there. */
  newTurn: readonly string[];
  /** Tokens that carry no text (BOS). */
  silent: readonly string[];
}

type Token = {
  text: string;
  role: 'open' | 'ignored' | 'end-block' | 'end-message' | 'new-turn' | 'silent' | 'unknown';
};

const UNKNOWN_TOKEN = /^<\|[A-Za-z0-9_]{1,32}\|>/;
const UNKNOWN_TOKEN_START = /^<(\|([A-Za-z0-9_]{0,32}\|?)?)?$/;

export class SpecialTokenParser extends BufferedBlockParser {
  private readonly known: Token[];
  private mode: 'between' | 'block' | 'ignoring' | 'ended' = 'between';
  /** The open block was opened by stray text, not by a token, so a token may follow it without notice. */
  private implicitBlock = false;

  constructor(
    private readonly tokens: SpecialTokens,
    stops: readonly string[],
  ) {
    super(stops);
    const role = (list: readonly string[], r: Token['role']) =>
      list.map((text) => ({ text, role: r }));
    this.known = [
      ...role(Object.keys(tokens.opens), 'open'),
      ...role(tokens.ignored, 'ignored'),
      ...role(tokens.endOfBlock, 'end-block'),
      ...role(tokens.endOfMessage, 'end-message'),
      ...role(tokens.newTurn, 'new-turn'),
      ...role(tokens.silent, 'silent'),
    ];
  }

  override close(): ParserEvent[] {
    const out: ParserEvent[] = [];
    this.blocks.close(out);
    if (this.mode === 'block' || this.mode === 'ignoring') this.mode = 'between';
    return out;
  }

  protected override drain(final: boolean): ParserEvent[] {
    const out: ParserEvent[] = [];
    while (this.pending !== '') {
      const lt = this.pending.indexOf('<');
      if (lt === -1) {
        this.content(this.pending, out);
        this.pending = '';
        break;
      }
      if (lt > 0) {
        this.content(this.pending.slice(0, lt), out);
        this.pending = this.pending.slice(lt);
      }
      const token = this.match(this.pending);
      if (token === 'partial') {
        if (!final) break;
        this.content(this.pending, out);
        this.pending = '';
        break;
      }
      if (token === null) {
        this.content('<', out);
        this.pending = this.pending.slice(1);
        continue;
      }
      this.pending = this.pending.slice(token.text.length);
      this.handle(token, out);
    }
    return out;
  }

  private match(text: string): Token | 'partial' | null {
    const full = this.known.find((t) => text.startsWith(t.text));
    if (full) return full;
    const unknown = UNKNOWN_TOKEN.exec(text);
    if (unknown) return { text: unknown[0], role: 'unknown' };
    const couldGrow =
      this.known.some((t) => t.text.startsWith(text)) || UNKNOWN_TOKEN_START.test(text);
    return couldGrow ? 'partial' : null;
  }

  private handle(token: Token, out: ParserEvent[]): void {
    if (this.mode === 'ended') return;
    switch (token.role) {
      case 'open': {
        if (this.mode === 'block' && !this.implicitBlock) {
          out.push(malformed(`A new block began before the previous one ended (${token.text}).`));
        }
        this.blocks.open(this.tokens.opens[token.text] ?? 'text', out);
        this.mode = 'block';
        this.implicitBlock = false;
        return;
      }
      case 'ignored':
        this.blocks.close(out);
        out.push(malformed('The model wrote its own execution output; it was ignored.'));
        this.mode = 'ignoring';
        return;
      case 'end-block':
        this.blocks.close(out);
        this.mode = 'between';
        return;
      case 'new-turn':
        out.push(malformed(`The model began a new turn (${token.text}); its answer ends there.`));
        this.end(out);
        return;
      case 'end-message':
        this.end(out);
        return;
      case 'unknown':
        out.push(malformed(`The model wrote an unknown token ${token.text}; it was dropped.`));
        return;
      case 'silent':
        return;
    }
  }

  private end(out: ParserEvent[]): void {
    this.blocks.close(out);
    this.mode = 'ended';
    out.push({ type: 'end-of-message' });
  }

  private content(text: string, out: ParserEvent[]): void {
    if (this.mode === 'between' && /\S/.test(text)) {
      out.push(malformed('The model wrote text outside a block; it is shown as text.'));
      this.blocks.open('text', out);
      this.mode = 'block';
      this.implicitBlock = true;
    }
    if (this.mode === 'block') this.blocks.write(text, out);
  }
}

function malformed(message: string): ParserEvent {
  return { type: 'malformed', message };
}
