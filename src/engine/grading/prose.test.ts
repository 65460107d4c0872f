import { describe, expect, it } from 'vitest';
import { concludedAnswer, lastMath, mathSpans, proseAnswer } from './prose';

describe('proseAnswer', () => {
  it('takes the last box before any statement', () => {
    expect(proseAnswer('The answer is $5$, so \\boxed{6}.')).toBe('6');
  });

  it('reads the answer stated after a word, its delimiters removed', () => {
    expect(proseAnswer('The answer is $ 12 $.')).toBe('12');
    expect(proseAnswer('Answer: \\( \\frac{1}{2} \\)')).toBe('\\frac{1}{2}');
  });

  it('reads "Therefore … is …", with the value after the verb or, failing that, before it', () => {
    expect(proseAnswer('We add. Therefore, the total is \\( 12 \\).')).toBe('12');
    expect(proseAnswer('So the area is 40 square meters.')).toBe('40 square meters');
    expect(proseAnswer('So $y < 7$ is the solution.')).toBe('y < 7');
    expect(proseAnswer('So the two numbers are $15$ and $27$.')).toBe('15, 27');
  });

  it('takes the later of a stated answer and a conclusion', () => {
    expect(proseAnswer('The answer is $3$ for part one. Thus the sum is $10$.')).toBe('10');
    expect(proseAnswer('Thus $a = 2$. The answer is $7$.')).toBe('7');
  });

  it('falls back on the last display or inline math of prose, pieces joined by "or" kept together', () => {
    expect(proseAnswer('We find \\[ x = 4 \\]')).toBe('x = 4');
    expect(proseAnswer('We get $x = 1$ or $x = 4$.')).toBe('x = 1 or x = 4');
    expect(proseAnswer('The roots: $x = 2$ and $x = -3$.')).toBe('x = 2 or x = -3');
  });

  it('leaves an answer that is not prose to the caller', () => {
    expect(proseAnswer('$x = 3$ or $x = 5$')).toBeNull();
    expect(proseAnswer('12 cm')).toBeNull();
    expect(proseAnswer('no solution')).toBeNull();
  });

  it('reads no value out of a sentence that states none', () => {
    expect(concludedAnswer('Therefore the second is 3 times bigger than the first.')).toBeNull();
    expect(concludedAnswer('So this is where we stop.')).toBeNull();
  });
});

describe('mathSpans and lastMath', () => {
  it('finds every kind of delimiter and leaves escaped dollars alone', () => {
    expect(mathSpans('a $1$ b \\(2\\) c \\[3\\] d $$4$$').map((s) => s.content)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(mathSpans('costs \\$5 and \\$6')).toEqual([]);
  });

  it('joins pieces of one answer, not a value mentioned earlier', () => {
    expect(lastMath('With $n = 2$ we get $3$, $5$ and $7$.')).toBe('3, 5, 7');
    expect(lastMath('no math here')).toBeNull();
  });
});
