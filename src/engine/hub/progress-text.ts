// Progress words for a long download: bytes, percent and, once the rate is known, the time left.

const GB = 1e9;
const MB = 1e6;

function bytes(n: number): string {
  return n >= GB ? `${(n / GB).toFixed(2)} GB` : `${(n / MB).toFixed(1)} MB`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export interface DownloadCounts {
  done: number;
  total: number;
  /** Bytes downloaded in this visit, for the rate (stored pieces came for free). */
  sessionBytes: number;
  elapsedMs: number;
}

export function downloadProgressText(label: string, c: DownloadCounts): string {
  const percent = Math.floor((100 * c.done) / c.total);
  const base = `Downloading ${label}: ${bytes(c.done)} of ${bytes(c.total)} (${percent}%)`;
  // A rate from the first second or first megabyte is noise.
  if (c.elapsedMs < 2000 || c.sessionBytes < MB) return base;
  const rate = c.sessionBytes / (c.elapsedMs / 1000);
  return `${base}, about ${duration((c.total - c.done) / rate)} left`;
}

export function checkingText(label: string, fraction: number): string {
  return `Checking the download of ${label} (sha256): ${Math.floor(fraction * 100)}%`;
}
