// What the missing SIMD kernels cost llama.cpp in WebAssembly, isolated from everything else in the tab: the Q4_0 × Q8_0
// dot product (decode's hot loop) as the generic loop and with 128-bit SIMD dot products, both in this engine's
// WebAssembly (V8, Chromium's engine), taking turns on one 7B-sized matrix (11008 × 4096, 25 MB). Also counts the
// SIMD dot-product instruction (i32x4.dot_i16x8_s, which llama.cpp's WebAssembly kernels use) in wllama's builds.
// Usage: npm run bench:kernel [-- --repeats 3]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '3' } } });
const ROWS = 11008;
const BLOCKS = 4096 / 32;
const Q4_BLOCK = 18;
const Q8_BLOCK = 34;
const REPS = 10;

interface Kernel {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  init_table(): void;
  matvec(simd: number, rows: number, blocks: number, w: number, v: number, reps: number): number;
}

function figure(name: string, value: number, unit: string, detail?: string) {
  const rounded = Number(value.toFixed(3));
  console.log(JSON.stringify({ name: `kernel:${name}`, value: rounded, unit, goal: null, detail }));
}

/** Occurrences of the opcode's bytes (0xfd 0xba 0x01): at least the instruction count, so 0 means it is absent. */
function dotInstructions(path: string): number {
  const bytes = readFileSync(path);
  let n = 0;
  for (let i = bytes.indexOf(0xfd); i >= 0 && i < bytes.length - 2; i = bytes.indexOf(0xfd, i + 1))
    if (bytes[i + 1] === 0xba && bytes[i + 2] === 0x01) n++;
  return n;
}

const { instance } = await WebAssembly.instantiate(
  readFileSync(new URL('./bench-kernel/q4-dot.wasm', import.meta.url)),
);
const k = instance.exports as unknown as Kernel;
k.init_table();
const weights = Number(k.__heap_base.value) + 1024;
const vector = weights + ROWS * BLOCKS * Q4_BLOCK;
const needed = vector + BLOCKS * Q8_BLOCK - k.memory.buffer.byteLength;
if (needed > 0) k.memory.grow(Math.ceil(needed / 65536));
const bytes = new Uint8Array(k.memory.buffer);
const view = new DataView(k.memory.buffer);
// Varied nibbles and scales (constant ones could let a compiler or CPU shortcut the work).
for (let i = 0; i < ROWS * BLOCKS; i++) {
  const at = weights + i * Q4_BLOCK;
  view.setUint16(at, 0x2000 + (i % 7), true);
  for (let j = 0; j < 16; j++) bytes[at + 2 + j] = (i * 31 + j * 17) & 255;
}
for (let i = 0; i < BLOCKS; i++) {
  view.setUint16(vector + i * Q8_BLOCK, 0x2400, true);
  for (let j = 0; j < 32; j++) bytes[vector + i * Q8_BLOCK + 2 + j] = (j * 13 - 100) & 255;
}

const speeds: Record<'generic' | 'simd', number[]> = { generic: [], simd: [] };
const sums = new Set<number>();
for (let r = 0; r < Number(values.repeats); r++) {
  for (const kind of ['generic', 'simd'] as const) {
    const simd = kind === 'simd' ? 1 : 0;
    k.matvec(simd, ROWS, BLOCKS, weights, vector, 1);
    const started = performance.now();
    sums.add(k.matvec(simd, ROWS, BLOCKS, weights, vector, REPS));
    const seconds = (performance.now() - started) / 1000;
    speeds[kind].push((ROWS * BLOCKS * Q4_BLOCK * REPS) / seconds / 1e9);
  }
}
if (sums.size !== 1) throw new Error(`The two kernels disagree: ${[...sums].join(', ')}`);
const generic = Math.max(...speeds.generic);
const simd = Math.max(...speeds.simd);
const all = (list: number[]) => `best of ${list.map((s) => s.toFixed(2)).join(', ')}`;
figure('q4_0_dot_generic_gb_s', generic, 'GB/s', all(speeds.generic));
figure('q4_0_dot_simd128_gb_s', simd, 'GB/s', all(speeds.simd));
figure('q4_0_dot_simd128_speedup', simd / generic, 'ratio');
const require = createRequire(import.meta.url);
for (const [name, entry] of [
  ['wllama', '@wllama/wllama/esm/wasm/wllama.wasm'],
  ['wllama_compat', '@wllama/wllama-compat/wasm/wllama.wasm'],
]) {
  figure(`${name}_dot_i16x8_instructions`, dotInstructions(require.resolve(entry!)), 'count');
}
