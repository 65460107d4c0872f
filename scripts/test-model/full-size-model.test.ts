import { describe, expect, it } from 'vitest';
import { constantBlock } from './constant-blocks';
import { fullSizeModel, usesMoreBits } from './full-size-model';
import { GGML_TYPE } from './gguf-writer';

function f16(bits: number): number {
  const exponent = (bits >> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  const sign = bits & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** ggml's Q4_K decoding: 8 sub-blocks of 32, each y = d * sc * q - dmin * m, 6-bit scales and mins packed in 12 bytes. */
function decodeQ4K(b: Buffer): number[] {
  const d = f16(b.readUInt16LE(0));
  const dmin = f16(b.readUInt16LE(2));
  const s = b.subarray(4, 16);
  const scaleMin = (j: number): [number, number] =>
    j < 4
      ? [s[j]! & 63, s[j + 4]! & 63]
      : [(s[j + 4]! & 0xf) | ((s[j - 4]! >> 6) << 4), (s[j + 4]! >> 4) | ((s[j]! >> 6) << 4)];
  const y: number[] = [];
  for (let run = 0; run < 4; run++) {
    const qs = b.subarray(16 + run * 32, 16 + run * 32 + 32);
    const [sc1, m1] = scaleMin(2 * run);
    const [sc2, m2] = scaleMin(2 * run + 1);
    for (const q of qs) y.push(d * sc1 * (q & 0xf) - dmin * m1);
    for (const q of qs) y.push(d * sc2 * (q >> 4) - dmin * m2);
  }
  return y;
}

/** ggml's Q5_K decoding: as Q4_K, with a fifth bit per weight from qh (bits 2j and 2j+1 for the j-th pair of sub-blocks). */
function decodeQ5K(b: Buffer): number[] {
  const d = f16(b.readUInt16LE(0));
  const dmin = f16(b.readUInt16LE(2));
  const s = b.subarray(4, 16);
  const qh = b.subarray(16, 48);
  const scaleMin = (j: number): [number, number] =>
    j < 4
      ? [s[j]! & 63, s[j + 4]! & 63]
      : [(s[j + 4]! & 0xf) | ((s[j - 4]! >> 6) << 4), (s[j + 4]! >> 4) | ((s[j]! >> 6) << 4)];
  const y: number[] = [];
  for (let run = 0; run < 4; run++) {
    const qs = b.subarray(48 + run * 32, 48 + run * 32 + 32);
    const [sc1, m1] = scaleMin(2 * run);
    const [sc2, m2] = scaleMin(2 * run + 1);
    qs.forEach((q, l) =>
      y.push(d * sc1 * ((q & 0xf) + ((qh[l]! >> (2 * run)) & 1) * 16) - dmin * m1),
    );
    qs.forEach((q, l) =>
      y.push(d * sc2 * ((q >> 4) + ((qh[l]! >> (2 * run + 1)) & 1) * 16) - dmin * m2),
    );
  }
  return y;
}

/** ggml's Q3_K decoding: sixteen 6-bit scales (offset 32) of 16 weights, q = 2 low bits in qs minus 4 without its hmask bit. */
function decodeQ3K(b: Buffer): number[] {
  const hm = b.subarray(0, 32);
  const sc = b.subarray(96, 108);
  const d = f16(b.readUInt16LE(108));
  const scale = (i: number) => {
    const low = i < 8 ? sc[i % 8]! & 0xf : sc[i % 8]! >> 4;
    const high = (sc[8 + (i % 4)]! >> (2 * Math.floor(i / 4))) & 3;
    return (low | (high << 4)) - 32;
  };
  const y: number[] = [];
  let bit = 0;
  for (let half = 0; half < 2; half++) {
    const qs = b.subarray(32 + half * 32, 64 + half * 32);
    for (let j = 0; j < 4; j++, bit++) {
      for (const offset of [0, 16]) {
        const dl = d * scale(half * 8 + j * 2 + offset / 16);
        for (let l = offset; l < offset + 16; l++) {
          y.push(dl * (((qs[l]! >> (2 * j)) & 3) - ((hm[l]! >> bit) & 1 ? 0 : 4)));
        }
      }
    }
  }
  return y;
}

/** ggml's Q6_K decoding: two halves of 128, y = d * scale * (q - 32) with q = 4 low bits in ql, 2 high bits in qh. */
function decodeQ6K(b: Buffer): number[] {
  const d = f16(b.readUInt16LE(208));
  const y = new Array<number>(256);
  for (let half = 0; half < 2; half++) {
    const ql = b.subarray(half * 64, half * 64 + 64);
    const qh = b.subarray(128 + half * 32, 128 + half * 32 + 32);
    const sc = new Int8Array(b.buffer, b.byteOffset + 192 + half * 8, 8);
    for (let l = 0; l < 32; l++) {
      const is = Math.floor(l / 16);
      const q = [
        (ql[l]! & 0xf) | (((qh[l]! >> 0) & 3) << 4),
        (ql[l + 32]! & 0xf) | (((qh[l]! >> 2) & 3) << 4),
        (ql[l]! >> 4) | (((qh[l]! >> 4) & 3) << 4),
        (ql[l + 32]! >> 4) | (((qh[l]! >> 6) & 3) << 4),
      ];
      for (let k = 0; k < 4; k++) y[half * 128 + l + 32 * k] = d * sc[is + 2 * k]! * (q[k]! - 32);
    }
  }
  return y;
}

/** ggml's Q4_0 decoding: y = d * (q - 8), low nibbles the first 16 weights. */
function decodeQ40(b: Buffer): number[] {
  const d = f16(b.readUInt16LE(0));
  const qs = b.subarray(2, 18);
  return [...[...qs].map((q) => d * ((q & 0xf) - 8)), ...[...qs].map((q) => d * ((q >> 4) - 8))];
}

/** -2^-7 for the first 16 of every 32 weights, +2^-7 for the last 16. */
const expected = (n: number) =>
  Array.from({ length: n }, (_, i) => (i % 32 < 16 ? -(2 ** -7) : 2 ** -7));

describe('the constant weight blocks', () => {
  it('decode to ±2^-7 in halves of each 32, in every type', () => {
    expect(decodeQ40(constantBlock(GGML_TYPE.Q4_0))).toEqual(expected(32));
    expect(decodeQ4K(constantBlock(GGML_TYPE.Q4_K))).toEqual(expected(256));
    expect(decodeQ6K(constantBlock(GGML_TYPE.Q6_K))).toEqual(expected(256));
    expect(decodeQ5K(constantBlock(GGML_TYPE.Q5_K))).toEqual(expected(256));
    expect(decodeQ3K(constantBlock(GGML_TYPE.Q3_K))).toEqual(expected(256));
  });

  it('have the struct sizes of ggml-common.h', () => {
    expect(constantBlock(GGML_TYPE.Q4_0).byteLength).toBe(18);
    expect(constantBlock(GGML_TYPE.Q4_K).byteLength).toBe(144);
    expect(constantBlock(GGML_TYPE.Q6_K).byteLength).toBe(210);
    expect(constantBlock(GGML_TYPE.Q5_K).byteLength).toBe(176);
    expect(constantBlock(GGML_TYPE.Q3_K).byteLength).toBe(110);
  });
});

describe('the Q4_K_M recipe at full size', () => {
  const model = fullSizeModel(32, 'q4_k_m');
  const typeOf = (name: string) => model.tensors.find((t) => t.name === name)!.ggmlType;

  it('gives 16 of the 32 layers Q6_K attn_v and ffn_down, as llama.cpp does for 32 layers', () => {
    const more = Array.from({ length: 32 }, (_, i) => i).filter((i) => usesMoreBits(i, 32));
    expect(more).toEqual([0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31]);
    for (let i = 0; i < 32; i++) {
      const type = more.includes(i) ? GGML_TYPE.Q6_K : GGML_TYPE.Q4_K;
      expect(typeOf(`blk.${i}.attn_v.weight`)).toBe(type);
      expect(typeOf(`blk.${i}.ffn_down.weight`)).toBe(type);
      expect(typeOf(`blk.${i}.attn_q.weight`)).toBe(GGML_TYPE.Q4_K);
      expect(typeOf(`blk.${i}.ffn_up.weight`)).toBe(GGML_TYPE.Q4_K);
    }
    expect(typeOf('output.weight')).toBe(GGML_TYPE.Q6_K);
    expect(typeOf('token_embd.weight')).toBe(GGML_TYPE.Q4_K);
    expect(typeOf('output_norm.weight')).toBe(GGML_TYPE.F32);
  });

  it('holds as many tensor bytes as a public Llama-2-7B Q4_K_M (4.08 GB with its header)', () => {
    const bytes = model.tensors.reduce((n, t) => n + t.byteLength, 0);
    // 32,000 tokens as published plus the 8 added ones, which add 8 rows to token_embd and output.
    const addedRows = 8 * 4096 * (144 / 256 + 210 / 256);
    expect(bytes - addedRows).toBe(4_080_263_168);
  });
});

describe('the Q3_K_M recipe at full size', () => {
  const model = fullSizeModel(32, 'q3_k_m');
  const typeOf = (name: string) => model.tensors.find((t) => t.name === name)!.ggmlType;

  it('gives Q5_K to the first layers’ attn_v and ffn_down, Q4_K to the rest of those and attn_output, Q3_K elsewhere', () => {
    for (let i = 0; i < 32; i++) {
      expect(typeOf(`blk.${i}.attn_v.weight`)).toBe(i < 2 ? GGML_TYPE.Q5_K : GGML_TYPE.Q4_K);
      expect(typeOf(`blk.${i}.ffn_down.weight`)).toBe(i < 2 ? GGML_TYPE.Q5_K : GGML_TYPE.Q4_K);
      expect(typeOf(`blk.${i}.attn_output.weight`)).toBe(GGML_TYPE.Q4_K);
      expect(typeOf(`blk.${i}.attn_q.weight`)).toBe(GGML_TYPE.Q3_K);
      expect(typeOf(`blk.${i}.ffn_gate.weight`)).toBe(GGML_TYPE.Q3_K);
    }
    expect(typeOf('output.weight')).toBe(GGML_TYPE.Q6_K);
    expect(typeOf('token_embd.weight')).toBe(GGML_TYPE.Q3_K);
  });

  it('comes to the 3.30 GB of a published 7B Q3_K_M', () => {
    const bytes = model.tensors.reduce((n, t) => n + t.byteLength, 0);
    expect(bytes).toBeGreaterThan(3.28e9);
    expect(bytes).toBeLessThan(3.32e9);
  });
});
