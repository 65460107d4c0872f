// The answer a piece of prose states: the last box, else the last statement of the answer ("the answer is",
// "Answer:", "Therefore … is …"), else the last display or inline math. A careful teacher reads it the same way.
import { boxedAnswer, statedAnswer } from './extract';

export interface MathSpan {
  /** The math inside its delimiters. */
  content: string;
  start: number;
  end: number;
}

// `\[ … \]`, `$$ … $$`, `\( … \)`, `$ … $`; an escaped `\$` is a dollar sign, not a delimiter.
const SPAN =
  /\\\[([\s\S]*?)\\\]|(?<!\\)\$\$([\s\S]*?)(?<!\\)\$\$|\\\(([\s\S]*?)\\\)|(?<!\\)\$((?:\\\$|[^$])+?)(?<!\\)\$/g;

/** Every math span of `text`, in order. */
export function mathSpans(text: string): MathSpan[] {
  return [...text.matchAll(SPAN)].map((m) => ({
    content: (m[1] ?? m[2] ?? m[3] ?? m[4]!).trim(),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

// What may stand between two math pieces of one answer: "$x = 3$ or $x = 5$", "$3$, $5$", "$2$ and $-2$".
const JOINER = /^\s*(?:,|\bor\b|\band\b|,\s*(?:or|and)\b)\s*$/;

/** The pieces `spans[first..last]` as one answer: "or" kept, "and" and commas as a list, one unknown's values as "or". */
function joined(text: string, spans: MathSpan[], first: number, last: number): string {
  const unknown = (math: string) => /^([a-zA-Z])\s*=[^=]+$/.exec(math)?.[1];
  let answer = spans[first]!.content;
  for (let i = first + 1; i <= last; i++) {
    const [a, b] = [spans[i - 1]!.content, spans[i]!.content];
    // "$x = 2$ and $x = -3$" names two solutions of one unknown: the same as "x = 2 or x = -3".
    const or = /\bor\b/.test(text.slice(spans[i - 1]!.end, spans[i]!.start));
    answer += or || (unknown(a) && unknown(a) === unknown(b)) ? ` or ${b}` : `, ${b}`;
  }
  return answer;
}

/** Whether `spans[i]` and `spans[i + 1]` are pieces of one answer ("$3$ and $5$"). */
const together = (text: string, spans: MathSpan[], i: number) =>
  JOINER.test(text.slice(spans[i]!.end, spans[i + 1]!.start));

/** The last math of `text` with the pieces joined to it by "or", "and" or commas ("$x=3$ or $x=5$"). */
export function lastMath(text: string): string | null {
  const spans = mathSpans(text);
  if (spans.length === 0 || spans.at(-1)!.content === '') return null;
  let first = spans.length - 1;
  while (first > 0 && together(text, spans, first - 1)) first--;
  return joined(text, spans, first, spans.length - 1);
}

/** What follows a verb when it is math pieces of one answer and at most a unit: "$15$ and $27$", "$12$ square units". */
function mathValue(after: string): string | null {
  const spans = mathSpans(after);
  if (spans.length === 0 || after.slice(0, spans[0]!.start).trim() !== '') return null;
  let last = 0;
  while (last < spans.length - 1 && together(after, spans, last)) last++;
  const rest = after.slice(spans[last]!.end).trim();
  if (!/^(?:[a-zA-Z]+(?:\s+[a-zA-Z]+)?)?$/.test(rest)) return null;
  return `${joined(after, spans, 0, last)} ${rest}`.trim();
}

// A concluding sentence: "Therefore, …", "Thus …", "So …", "Hence …", "Finally …", "In total, …".
const CONCLUSION =
  /(?:^|[.!?:]\s+|\n\s*)(?:therefore|thus|so|hence|finally|in conclusion|in total|altogether|consequently)\b,?\s*/gi;
// The verb that states a value: "… is 12", "… are $3$ and $5$", "… equals 7", "… would be 40 km".
const VERB = /\s(?:is|are|equals|was|were|be|becomes)\s/gi;

// "12", "\\$12", "40 km", "25%", "1,200 square feet": a number and at most two words; "3 times more than …" is no value.
const NUMBER_WITH_UNIT =
  /^\s*(?:\\?\$\s*)?[-+]?\d[\d,]*(?:\.\d+)?\s*(?:\\?%|[a-zA-Z]+(?:\s+[a-zA-Z]+)?)?\s*$/;

/** Where the sentence from `start` ends: at a full stop before a space or the end, or at a blank line; math spans are skipped. */
function sentenceEnd(text: string, start: number): number {
  const spans = mathSpans(text.slice(start));
  const inMath = (i: number) => spans.some((s) => i >= s.start && i < s.end);
  const stop = /\.(?=\s|$)|\n\s*\n/g;
  const rest = text.slice(start);
  for (const m of rest.matchAll(stop)) if (!inMath(m.index)) return start + m.index;
  return text.length;
}

/** Text with its math delimiters removed: "$x = 3$ or $x = 5$" → "x = 3 or x = 5". */
const unwrapMath = (text: string) => {
  let out = '';
  let last = 0;
  for (const span of mathSpans(text)) {
    out += text.slice(last, span.start) + span.content;
    last = span.end;
  }
  return (out + text.slice(last)).trim();
};

/** What a concluding sentence ("Therefore the area is $12$ square units.") states, or null without one. */
export function concludedAnswer(text: string): { answer: string; at: number } | null {
  let from = -1;
  for (const match of text.matchAll(CONCLUSION)) from = match.index + match[0].length;
  if (from === -1) return null;
  const sentence = text.slice(from, sentenceEnd(text, from));
  const spans = mathSpans(sentence);
  const outside = (i: number) => !spans.some((s) => i >= s.start && i < s.end);
  const verbs = [...sentence.matchAll(VERB)].filter((m) => outside(m.index));
  const verb = verbs.at(-1);
  if (!verb) return null;
  const after = sentence.slice(verb.index + verb[0].length);
  const before = sentence.slice(0, verb.index);
  // "… is $12$", "… is 12 dollars": the value follows the verb.
  if (mathSpans(after).length > 0)
    return { answer: mathValue(after) ?? unwrapMath(after), at: from };
  if (NUMBER_WITH_UNIT.test(after)) return { answer: after.trim(), at: from };
  // "So $y < 7$ is the solution.": the value comes before the verb.
  const math = lastMath(before);
  return math === null ? null : { answer: math, at: from };
}

/** Where the last "the answer is" or "Answer:" of `text` starts; -1 without one. */
function lastStatement(text: string): number {
  let at = -1;
  for (const match of text.matchAll(/\banswers?\s*(?:is\b|are\b|:|=)/gi)) at = match.index;
  return at;
}

/**
 * The answer `text` states, or null when it holds no box, statement or math: the last `\boxed{}`, else the later of
 * the last "the answer is …" and the last "Therefore … is …", else the last display or inline math.
 */
export function proseAnswer(text: string): string | null {
  const boxed = boxedAnswer(text);
  if (boxed !== null) return boxed;
  const stated = statedAnswer(text);
  const concluded = concludedAnswer(text);
  if (stated !== null && (concluded === null || lastStatement(text) >= concluded.at)) return stated;
  if (concluded !== null) return concluded.answer;
  // Only prose holds an answer to look for; a bare answer or one math span is the answer itself.
  const spans = mathSpans(text);
  const words = spans.reduceRight((s, span) => s.slice(0, span.start) + s.slice(span.end), text);
  return /[a-zA-Z]{3,}/.test(words) ? lastMath(text) : null;
}
