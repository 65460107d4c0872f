import type { LoadProgress } from '../../types';

const MIB = 1024 * 1024;
const MB = 1e6;
const REPORT = /\[(\d+)\/(\d+)\]: (\d+)MB (fetched|loaded)\. (\d+)% completed/;

/**
 * WebLLM's progress in this app's words, bytes and percent like the llama.cpp backend's: "Fetching param
 * cache[3/108]: 512MB fetched. 10% completed…" (its MB are MiB, rounded up) becomes "Downloading …: 536.9 MB of 5368.7 MB (10%)".
 */
export function webllmProgress(
  report: { progress: number; text: string },
  label: string,
): LoadProgress {
  const match = REPORT.exec(report.text);
  if (!match) {
    if (/^Finish loading/.test(report.text)) return { fraction: 1, text: `${label} is ready.` };
    return { fraction: report.progress > 0 ? report.progress : null, text: report.text };
  }
  const [, shard, shards, mib, verb] = match;
  const loaded = Number(mib) * MIB;
  const total = report.progress > 0 ? loaded / report.progress : 0;
  const percent = Math.floor(report.progress * 100);
  const of = total > 0 ? ` of ${(total / MB).toFixed(1)} MB` : '';
  const what =
    verb === 'fetched'
      ? `Downloading ${label}`
      : `Loading ${label} from browser storage onto the GPU`;
  return {
    fraction: report.progress,
    text: `${what}: ${(loaded / MB).toFixed(1)} MB${of} (${percent}%), shard ${shard} of ${shards}`,
  };
}
