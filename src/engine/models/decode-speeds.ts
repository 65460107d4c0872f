// Each model's decode speed measured on this device, kept in the browser (localStorage) so that the list can say how
// long a solution takes here and a reload need not measure again.

/** Where the model ran: llama.cpp on the CPU is ten times slower than on WebGPU, so each is kept apart. */
export type SpeedRuntime = 'cpu' | 'webgpu';

/** The parts of localStorage used here (absent in a sandboxed frame). */
export type SpeedStorage = Pick<Storage, 'getItem' | 'setItem'>;

const KEY = 'decode-speeds-v1';
// Beyond any model in this app on any device: a larger figure is a corrupt entry, not a measurement.
const MAX_TOKENS_PER_SECOND = 10_000;

const key = (modelId: string, runtime: SpeedRuntime) => `${modelId}@${runtime}`;

export const isSpeed = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  value > 0 &&
  value <= MAX_TOKENS_PER_SECOND;

function browserStorage(): SpeedStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // A sandboxed frame throws on reading localStorage.
  }
}

export class DecodeSpeeds {
  constructor(private readonly storage: SpeedStorage | null = browserStorage()) {}

  /** Every valid entry read back; anything malformed is left out, never trusted. */
  private read(): Record<string, number> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.storage?.getItem(KEY) ?? '{}');
    } catch {
      return {};
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => isSpeed(v))) as Record<
      string,
      number
    >;
  }

  get(modelId: string, runtime: SpeedRuntime): number | null {
    return this.read()[key(modelId, runtime)] ?? null;
  }

  /** Keeps the latest measurement; an invalid figure or a full storage changes nothing. */
  record(modelId: string, runtime: SpeedRuntime, tokensPerSecond: number): void {
    if (!isSpeed(tokensPerSecond) || !this.storage) return;
    const all = { ...this.read(), [key(modelId, runtime)]: tokensPerSecond };
    try {
      this.storage.setItem(KEY, JSON.stringify(all));
    } catch {
      // Storage full or refused: the speed is measured again on the next load.
    }
  }
}
