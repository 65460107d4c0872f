// Traces built to stall a renderer (the red-team's cases): thousands of math delimiters in one block, hundreds of
// paragraphs, formulas that are slow to typeset, and an output of a megabyte. Streamed through bench:render.
import type { BenchBlock } from '../../src/app/render-bench.ts';

export interface HostileTrace {
  name: string;
  problem: string;
  blocks: BenchBlock[];
}

/** `text` in pieces of `size` characters: large tokens keep the stream short while every piece is still applied. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

const text = (tokens: string[]): BenchBlock => ({ kind: 'text', tokens });

function matrix(n: number): string {
  const rows = Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => String(r * n + c)).join(' & '),
  );
  return `\\[\\begin{pmatrix}${rows.join(' \\\\ ')}\\end{pmatrix}\\]`;
}

/** One inline formula of `count` copies of `piece`. */
const repeated = (piece: string, count: number) => `\\(${piece.repeat(count)}\\)`;

export function hostileTraces(): HostileTrace[] {
  const paragraphs = Array.from(
    { length: 400 },
    (_, i) => `Step ${i}: the value \\(x_{${i}} = ${i}^2\\) follows from the one before.\n\n`,
  );
  let sqrt = 'x';
  for (let i = 0; i < 40; i++) sqrt = `\\sqrt{${sqrt} + ${i}}`;
  const sum = Array.from({ length: 2400 }, (_, i) => `${i}`).join(' + ');
  return [
    {
      name: 'delimiters',
      problem: 'Twenty thousand opening delimiters in one block.',
      blocks: [text(pieces('\\( '.repeat(20_000), 400))],
    },
    {
      name: 'paragraphs',
      problem: 'Four hundred paragraphs in one block.',
      blocks: [text(paragraphs)],
    },
    {
      name: 'formulas',
      problem: 'A deep root, a 60 by 60 matrix and a 12 KB sum.',
      blocks: [text([`\\[${sqrt}\\]\n\n`]), text([matrix(60)]), text([`\\[${sum}\\]`])],
    },
    {
      name: 'paragraph-24k',
      problem: 'One 24 KB paragraph of 2,400 short formulas, streamed a formula a token.',
      blocks: [text(pieces('\\(a_{1}\\) '.repeat(2400), 10))],
    },
    {
      name: 'array-2000',
      problem: 'An array of 2,000 columns.',
      blocks: [
        text([
          `\\[\\begin{array}{${'c'.repeat(2000)}}${Array(2000).fill('1').join('&')}\\end{array}\\]`,
        ]),
      ],
    },
    { name: 'sqrt-2000', problem: '2,000 roots.', blocks: [text([repeated('\\sqrt{x}', 2000)])] },
    {
      name: 'sum-2000',
      problem: '2,000 sums.',
      blocks: [text([repeated('\\sum_{i=1}^{n}', 2000)])],
    },
    {
      name: 'cancel-2000',
      problem: '2,000 cancellations.',
      blocks: [text([repeated('\\cancel{x}', 2000)])],
    },
    { name: 'matrix-60', problem: 'A 60 by 60 matrix, whole.', blocks: [text([matrix(60)])] },
    {
      name: 'megabyte-output',
      problem: 'One execution of a megabyte.',
      blocks: [
        { kind: 'code', tokens: ['print', '("x" * 10**6)'] },
        { kind: 'execution', tokens: ['x'.repeat(1_000_000)] },
      ],
    },
  ];
}
