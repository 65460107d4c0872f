// Writes a GGUF with a real model's exact shapes and constant weights as one file, streamed to disk a few MB at a
// time, for benchmarking the download, storage, split, load and decoding of a full-size model: MathCoder-L-7B with
// every matrix Q4_0 (3.79 GB) or, with `--recipe q4_k_m` or `q3_k_m`, the tensor types and sizes of a public Q4_K_M
// (4.08 GB) or Q3_K_M (3.30 GB) conversion; or, with `--shape qwen2.5-math-1.5b`, Qwen2.5-Math-1.5B-Instruct at Q4_K_M (0.99 GB, the ladder's small rung).
// Usage: npx tsx scripts/test-model/make-full-size-gguf.ts [--shape mathcoder-l-7b|qwen2.5-math-1.5b] [--recipe q4_0|q4_k_m|q3_k_m]
//        [--layers N] [--out FILE] [--vocabulary-only]
// `--vocabulary-only` (Qwen only) keeps the small rung's whole header on one narrow layer (37 MB): its load tasks, in seconds.
// `--layers` below the model's own count is a development shortcut (a smaller file to try a script on), never a figure.
import { parseArgs } from 'node:util';
import { DEFAULT_FULL_SIZE_GGUF, LLAMA_2_7B, type Recipe } from './full-size-model';
import {
  DEFAULT_QWEN_FULL_SIZE_GGUF,
  QWEN25_MATH_1_5B,
  QWEN_VOCABULARY_ONLY,
  qwenFullSizeModel,
} from './qwen-full-size-model';
import { makeFullSizeGguf, writeFullSizeGguf } from './write-full-size-gguf';

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'mathcoder-l-7b' },
    layers: { type: 'string' },
    out: { type: 'string' },
    recipe: { type: 'string' },
    'vocabulary-only': { type: 'boolean', default: false },
  },
});
const qwen = values.shape === 'qwen2.5-math-1.5b';
if (!qwen && values.shape !== 'mathcoder-l-7b')
  throw new Error('--shape wants mathcoder-l-7b or qwen2.5-math-1.5b');
const vocabularyOnly = values['vocabulary-only'];
if (vocabularyOnly && !qwen)
  throw new Error('--vocabulary-only goes with --shape qwen2.5-math-1.5b');
const layers = vocabularyOnly
  ? QWEN_VOCABULARY_ONLY.layers
  : Number(values.layers ?? (qwen ? QWEN25_MATH_1_5B.layers : LLAMA_2_7B.layers));
if (!Number.isInteger(layers) || layers < 1) throw new Error('--layers wants a positive integer');
const recipe = (values.recipe ?? (qwen ? 'q4_k_m' : 'q4_0')) as Recipe;
if (!['q4_0', 'q4_k_m', 'q3_k_m'].includes(recipe))
  throw new Error('--recipe wants q4_0, q4_k_m or q3_k_m');
if (qwen && recipe !== 'q4_k_m')
  throw new Error('The Qwen2.5-Math shape is written as Q4_K_M only.');
const out =
  values.out ??
  (vocabularyOnly
    ? 'bench-out/qwen2.5-math-1.5b-vocabulary-only.gguf'
    : qwen
      ? DEFAULT_QWEN_FULL_SIZE_GGUF
      : recipe === 'q4_0'
        ? DEFAULT_FULL_SIZE_GGUF
        : `bench-out/mathcoder-l-7b-shaped-${recipe}.gguf`);
const started = Date.now();
const size = qwen
  ? writeFullSizeGguf(
      out,
      vocabularyOnly ? qwenFullSizeModel(layers, QWEN_VOCABULARY_ONLY) : qwenFullSizeModel(layers),
    )
  : makeFullSizeGguf(out, layers, recipe);
console.log(
  `Wrote ${out}: ${(size / 1e9).toFixed(3)} GB, ${layers} layers, ${recipe}, in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
);
