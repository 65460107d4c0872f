// Writes a GGUF with MathCoder-L-7B's exact shapes and constant weights as one file, streamed to disk a few MB at a
// time, for benchmarking the download, storage, split, load and decoding of a full-size model: every matrix Q4_0
// (3.79 GB) or, with `--recipe q4_k_m`, the tensor types and sizes of a public Q4_K_M conversion (4.08 GB).
// Usage: npx tsx scripts/test-model/make-full-size-gguf.ts [--recipe q4_0|q4_k_m] [--layers 32] [--out FILE]
// `--layers` below 32 is a development shortcut (a smaller file to try a script on), never a figure.
import { parseArgs } from 'node:util';
import { DEFAULT_FULL_SIZE_GGUF, LLAMA_2_7B, type Recipe } from './full-size-model';
import { makeFullSizeGguf } from './write-full-size-gguf';

const { values } = parseArgs({
  options: {
    layers: { type: 'string' },
    out: { type: 'string' },
    recipe: { type: 'string', default: 'q4_0' },
  },
});
const layers = Number(values.layers ?? LLAMA_2_7B.layers);
if (!Number.isInteger(layers) || layers < 1) throw new Error('--layers wants a positive integer');
const recipe = values.recipe as Recipe;
if (recipe !== 'q4_0' && recipe !== 'q4_k_m') throw new Error('--recipe wants q4_0 or q4_k_m');
const out =
  values.out ??
  (recipe === 'q4_0' ? DEFAULT_FULL_SIZE_GGUF : 'bench-out/mathcoder-l-7b-shaped-q4_k_m.gguf');
const started = Date.now();
const size = makeFullSizeGguf(out, layers, recipe);
console.log(
  `Wrote ${out}: ${(size / 1e9).toFixed(3)} GB, ${layers} layers, ${recipe}, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
