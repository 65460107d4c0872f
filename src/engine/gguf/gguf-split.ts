// llama-gguf-split names its parts PREFIX-00001-of-00009.gguf …: a model list names the first part and the rest follow.

const SPLIT_NAME = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/;
/** 128 GB in 512 MB parts: a larger count is a typo, not a model, and would start that many downloads. */
const MAX_PARTS = 256;

/** Every part's name from the first part's, or null when the name is not a first part in llama-gguf-split's form. */
export function splitPartNames(first: string): string[] | null {
  const match = SPLIT_NAME.exec(first);
  if (!match || Number(match[2]) !== 1) return null;
  const count = Number(match[3]);
  if (count < 1 || count > MAX_PARTS) return null;
  const digits = (n: number) => String(n).padStart(5, '0');
  return Array.from(
    { length: count },
    (_, i) => `${match[1]}-${digits(i + 1)}-of-${match[3]}.gguf`,
  );
}

/** The parts of a model listed by its first part alone (its size, when given, is the first part's). */
export function partsFromFirst(
  first: string,
  sizeBytes?: number,
): Array<{ file: string; sizeBytes?: number }> {
  const names = splitPartNames(first) ?? [first];
  return names.map((file, i) => (i === 0 && sizeBytes ? { file, sizeBytes } : { file }));
}
