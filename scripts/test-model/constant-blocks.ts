// One block of each quantized type whose weights decode to -2^-7 for the first 16 of every 32 and +2^-7 for the last 16
// (the pattern the Q4_0 file always had), so a constant model's activations stay finite through 32 layers and its
// logits are numbers, not NaN. The byte layouts are ggml's block structs (ggml-common.h).
import { GGML_TYPE } from './gguf-writer';
import { QUANT_BLOCK, type QuantizedType } from './full-size-model';

/** f16 bit patterns. */
const F16_2_POW_MINUS_7 = 0x2000;
const F16_2_POW_MINUS_4 = 0x2c00;
const F16_2_POW_MINUS_3 = 0x3000;

/** Q4_0: y = d * (q - 8); nibbles 7 (low: first 16 weights) and 9 (high: last 16). */
function q4_0Block(): Buffer {
  const block = Buffer.alloc(QUANT_BLOCK[GGML_TYPE.Q4_0].bytes, 0x97);
  block.writeUInt16LE(F16_2_POW_MINUS_7, 0);
  return block;
}

/**
 * Q4_K: y = d * sc * q - dmin * m per 32-weight sub-block. Every sub-block scale and min is 1 and dmin = 8d, so
 * y = d * (q - 8). Each 32-byte run of qs holds two sub-blocks (low nibbles, then high): bytes 0-15 are 7 in both
 * nibbles, bytes 16-31 are 9.
 */
function q4_KBlock(): Buffer {
  const block = Buffer.alloc(QUANT_BLOCK[GGML_TYPE.Q4_K].bytes);
  block.writeUInt16LE(F16_2_POW_MINUS_7, 0);
  block.writeUInt16LE(F16_2_POW_MINUS_4, 2);
  // 6-bit packing: bytes 0-3 scales 0-3, 4-7 mins 0-3, 8-11 scale (low nibble) and min (high) of sub-blocks 4-7.
  block.fill(0x01, 4, 12);
  block.fill(0x11, 12, 16);
  for (let run = 0; run < 4; run++) {
    const at = 16 + run * 32;
    block.fill(0x77, at, at + 16);
    block.fill(0x99, at + 16, at + 32);
  }
  return block;
}

/**
 * Q6_K: y = d * scale * (q - 32), q 6 bits from a low nibble in ql and 2 high bits in qh. Each 128-weight half reads
 * positions l, l+32, l+64, l+96 from ql[l], ql[l+32] (low, high nibbles) and qh[l] (bit pairs) for l in 0-31: q = 31
 * (0b01_1111) for l < 16 and 33 (0b10_0001) from 16, in all four positions. Every int8 scale is 1.
 */
function q6_KBlock(): Buffer {
  const block = Buffer.alloc(QUANT_BLOCK[GGML_TYPE.Q6_K].bytes);
  for (let half = 0; half < 2; half++) {
    const ql = half * 64;
    const qh = 128 + half * 32;
    for (let l = 0; l < 32; l++) {
      const low = l < 16 ? 0xff : 0x11;
      block[ql + l] = low;
      block[ql + l + 32] = low;
      block[qh + l] = l < 16 ? 0x55 : 0xaa;
    }
  }
  block.fill(0x01, 192, 208);
  block.writeUInt16LE(F16_2_POW_MINUS_7, 208);
  return block;
}

/**
 * Q3_K: y = d * (scale - 32) * (q - (high bit ? 0 : 4)), 2-bit q in qs and the high bit in hmask, sixteen 6-bit scales
 * for 16 weights each. Every scale is 33 (low nibble 1, high bits 2), so y = d * -1 from q 3 and no high bit for the
 * first 16 of every 32 (qs bytes 0-15 of each 32, hmask bytes 0-15), and d * +1 from q 1 with it for the last 16.
 */
function q3_KBlock(): Buffer {
  const block = Buffer.alloc(QUANT_BLOCK[GGML_TYPE.Q3_K].bytes);
  block.fill(0xff, 16, 32);
  for (let run = 0; run < 2; run++) {
    const at = 32 + run * 32;
    block.fill(0xff, at, at + 16);
    block.fill(0x55, at + 16, at + 32);
  }
  block.fill(0x11, 96, 104);
  block.fill(0xaa, 104, 108);
  block.writeUInt16LE(F16_2_POW_MINUS_7, 108);
  return block;
}

/**
 * Q5_K: as Q4_K with a fifth bit from qh, so q runs 0-31; dmin = 16d gives y = d * (q - 16): q 15 (low nibble 15, no
 * fifth bit) for the first 16 of every 32, q 17 (low nibble 1, fifth bit) for the last 16.
 */
function q5_KBlock(): Buffer {
  const block = Buffer.alloc(QUANT_BLOCK[GGML_TYPE.Q5_K].bytes);
  block.writeUInt16LE(F16_2_POW_MINUS_7, 0);
  block.writeUInt16LE(F16_2_POW_MINUS_3, 2);
  block.fill(0x01, 4, 12);
  block.fill(0x11, 12, 16);
  block.fill(0xff, 32, 48);
  for (let run = 0; run < 4; run++) {
    const at = 48 + run * 32;
    block.fill(0xff, at, at + 16);
    block.fill(0x11, at + 16, at + 32);
  }
  return block;
}

export function constantBlock(type: QuantizedType): Buffer {
  if (type === GGML_TYPE.Q3_K) return q3_KBlock();
  if (type === GGML_TYPE.Q5_K) return q5_KBlock();
  if (type === GGML_TYPE.Q4_K) return q4_KBlock();
  if (type === GGML_TYPE.Q6_K) return q6_KBlock();
  return q4_0Block();
}
