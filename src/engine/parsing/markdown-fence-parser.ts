import { BufferedBlockParser } from './block-parser';
import type { ParserEvent } from './block-parser';

/** The vocabulary of a tool-integrated Markdown format such as Qwen2.5-Math's. */
export interface FenceVocabulary {
  /** Fence info strings that open a code block the app runs. */
  codeLanguages: readonly string[];
  /** Fence info strings of blocks the model must not write (its own output): their content is dropped. */
  ignoredLanguages: readonly string[];
  endOfMessage: readonly string[];
  /** Tokens that start another turn: the model's message ends there. */
  newTurn: readonly string[];
}

type Mode = 'text' | 'prose-fence' | 'code' | 'ignoring' | 'rest-of-fence-line' | 'ended';

const FENCE_LINE = /^[ \t]*```([^\n]*)\n/;
const MAYBE_FENCE = /^[ \t]*(`{0,2}|```[^\n]*)$/;
const CLOSING_FENCE = /^[ \t]*```/;
const SPECIAL_TOKEN = /^<\|[A-Za-z0-9_]{1,32}\|>/;
const SPECIAL_TOKEN_START = /^<(\|([A-Za-z0-9_]{0,32}\|?)?)?$/;

/** Prose outside fences is text; a line opening ```python starts code, a line starting ``` ends it. */
export class MarkdownFenceParser extends BufferedBlockParser {
  private mode: Mode = 'text';
  private atLineStart = true;

  constructor(
    private readonly vocabulary: FenceVocabulary,
    stops: readonly string[],
  ) {
    super(stops);
  }

  override close(): ParserEvent[] {
    const out: ParserEvent[] = [];
    this.blocks.close(out);
    if (this.mode !== 'ended') this.mode = 'text';
    return out;
  }

  protected override drain(final: boolean): ParserEvent[] {
    const out: ParserEvent[] = [];
    while (this.pending !== '' && this.mode !== 'ended') {
      if (this.mode === 'rest-of-fence-line') {
        const newline = this.pending.indexOf('\n');
        if (newline === -1) {
          this.pending = '';
          break;
        }
        this.consume(newline + 1);
        this.mode = 'text';
        this.atLineStart = true;
        continue;
      }
      if (this.atLineStart) {
        const fence = this.fenceAtLineStart(final, out);
        if (fence === 'wait') break;
        if (fence === 'handled') continue;
      }
      const stop = this.pending.search(/[\n<]/);
      if (stop === -1) {
        this.content(this.consume(this.pending.length), out);
        this.atLineStart = false;
        break;
      }
      if (stop > 0) {
        this.content(this.consume(stop), out);
        this.atLineStart = false;
        continue;
      }
      if (this.pending.startsWith('\n')) {
        this.content(this.consume(1), out);
        this.atLineStart = true;
        continue;
      }
      const token = SPECIAL_TOKEN.exec(this.pending);
      if (token) {
        this.consume(token[0].length);
        this.specialToken(token[0], out);
        continue;
      }
      if (SPECIAL_TOKEN_START.test(this.pending) && !final) break;
      this.content(this.consume(1), out);
      this.atLineStart = false;
    }
    if (this.mode === 'ended') this.pending = '';
    return out;
  }

  /** Handles a fence line at the start of a line; 'wait' when the line is not complete enough to tell. */
  private fenceAtLineStart(final: boolean, out: ParserEvent[]): 'handled' | 'wait' | 'none' {
    const closesHere =
      this.mode === 'code' || this.mode === 'ignoring' || this.mode === 'prose-fence';
    if (closesHere) {
      const closing = CLOSING_FENCE.exec(this.pending);
      if (closing) {
        if (this.mode === 'prose-fence') {
          this.content(this.consume(closing[0].length), out);
          this.mode = 'text';
          this.atLineStart = false;
        } else {
          this.consume(closing[0].length);
          this.blocks.close(out);
          this.mode = 'rest-of-fence-line';
        }
        return 'handled';
      }
    } else {
      const line = FENCE_LINE.exec(this.pending);
      if (line) {
        this.openFence((line[1] ?? '').trim(), line[0], out);
        return 'handled';
      }
    }
    if (!MAYBE_FENCE.test(this.pending)) return 'none';
    if (!final) return 'wait';
    if (!closesHere && /^[ \t]*```/.test(this.pending)) {
      out.push({
        type: 'malformed',
        message: 'The model stopped in the middle of a code fence line.',
      });
      this.pending = '';
      return 'handled';
    }
    return 'none';
  }

  private openFence(info: string, line: string, out: ParserEvent[]): void {
    const language = info.split(/\s+/)[0]?.toLowerCase() ?? '';
    this.consume(line.length);
    this.atLineStart = true;
    if (this.vocabulary.codeLanguages.includes(language)) {
      this.blocks.open('code', out);
      this.mode = 'code';
    } else if (this.vocabulary.ignoredLanguages.includes(language)) {
      this.blocks.close(out);
      out.push({
        type: 'malformed',
        message: 'The model wrote its own execution output; it was ignored.',
      });
      this.mode = 'ignoring';
    } else {
      this.content(line, out);
      this.mode = 'prose-fence';
    }
  }

  private specialToken(token: string, out: ParserEvent[]): void {
    const newTurn = this.vocabulary.newTurn.includes(token);
    if (newTurn || this.vocabulary.endOfMessage.includes(token)) {
      if (newTurn)
        out.push({
          type: 'malformed',
          message: `The model began a new turn (${token}); its answer ends there.`,
        });
      this.blocks.close(out);
      this.mode = 'ended';
      out.push({ type: 'end-of-message' });
      return;
    }
    out.push({
      type: 'malformed',
      message: `The model wrote an unknown token ${token}; it was dropped.`,
    });
  }

  private content(text: string, out: ParserEvent[]): void {
    if (this.mode === 'ignoring' || this.mode === 'ended') return;
    if (this.mode === 'text' && this.blocks.state.openKind === null) {
      if (!/\S/.test(text)) return;
      this.blocks.open('text', out);
    }
    this.blocks.write(text, out);
  }

  private consume(length: number): string {
    const taken = this.pending.slice(0, length);
    this.pending = this.pending.slice(length);
    return taken;
  }
}
