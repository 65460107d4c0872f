const DECIMAL = /[0-9]+\.[0-9]+/g;

/** Rounds decimals with more than `places` digits after the point, as MathCoder's reference does to model blocks (`'{:.6f}'.format(float(s))`). */
export function roundLongDecimals(text: string, places = 6): string {
  return text.replace(DECIMAL, (decimal) => {
    const fraction = decimal.length - decimal.indexOf('.') - 1;
    return fraction <= places ? decimal : formatFixed(Number(decimal), places);
  });
}

/** Python's `'{:.Nf}'` for a non-negative float: the exact binary value, ties to even (JS toFixed rounds ties up and goes exponential past 1e21). */
export function formatFixed(value: number, places: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return 'inf';
  const { mantissa, exponent } = decompose(value);
  const scale = 10n ** BigInt(places);
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * scale;
  } else {
    const shift = BigInt(-exponent);
    const numerator = mantissa * scale;
    const quotient = numerator >> shift;
    const remainder = numerator - (quotient << shift);
    const half = 1n << (shift - 1n);
    const roundUp = remainder > half || (remainder === half && (quotient & 1n) === 1n);
    scaled = roundUp ? quotient + 1n : quotient;
  }
  const digits = scaled.toString().padStart(places + 1, '0');
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** value = mantissa × 2^exponent, exactly. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
