// Numbers written with thousands separators or a decimal comma: what they can mean, most likely reading first.

const SIGN = '[-+]?';
const US = new RegExp(`^${SIGN}[1-9]\\d{0,2}(?:,\\d{3})+\\.\\d+$`); // 1,000.99
const EUROPEAN = new RegExp(`^${SIGN}[1-9]\\d{0,2}(?:\\.\\d{3})+,\\d+$`); // 1.000,99
const SPACED = new RegExp(`^${SIGN}[1-9]\\d{0,2}(?: \\d{3})+(?:[.,]\\d+)?$`); // 1 000 000 or 1 000,5
const COMMA_GROUPS = new RegExp(`^${SIGN}[1-9]\\d{0,2}(?:,\\d{3}){2,}$`); // 1,000,000
const DOT_GROUPS = new RegExp(`^${SIGN}[1-9]\\d{0,2}(?:\\.\\d{3}){2,}$`); // 1.000.000
const ONE_COMMA_GROUP = new RegExp(`^${SIGN}[1-9]\\d{0,2},\\d{3}$`); // 1,000: a thousand, or 1.000
const ONE_DOT_GROUP = new RegExp(`^${SIGN}[1-9]\\d{0,2}\\.\\d{3}$`); // 1.000: 1, or a thousand
const DECIMAL_COMMA = new RegExp(`^${SIGN}\\d+,\\d+$`); // 0,5

const drop = (s: string, separator: string) => s.split(separator).join('');

/**
 * The plain numbers `text` can stand for, most likely first: `1,000.99` → [`1000.99`], `0,5` → [`0.5`],
 * `1,000` → [`1000`, `1.000`]; empty when it is not a number written with separators.
 */
export function separatorReadings(text: string): string[] {
  const s = text.trim();
  if (US.test(s) || COMMA_GROUPS.test(s)) return [drop(s, ',')];
  if (EUROPEAN.test(s) || DOT_GROUPS.test(s)) return [drop(s, '.').replace(',', '.')];
  if (SPACED.test(s)) return [drop(s, ' ').replace(',', '.')];
  if (ONE_COMMA_GROUP.test(s)) return [drop(s, ','), s.replace(',', '.')];
  if (ONE_DOT_GROUP.test(s)) return [s, drop(s, '.')];
  if (DECIMAL_COMMA.test(s)) return [s.replace(',', '.')];
  return [];
}

/** How a reading reads aloud in a message: 1000 as "one thousand", others as written. */
export function spokenNumber(reading: string): string {
  if (reading === '1000') return 'one thousand';
  if (reading === '1000000') return 'one million';
  return reading;
}
