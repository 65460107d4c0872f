// Samples the memory of one Chromium's processes from /proc: a tab's WebAssembly heap and the GPU process's buffers
// are outside the JS heap that CDP reports, so resident memory per process is what shows a 4 GB model's cost.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessSample {
  pid: number;
  /** Chromium's `--type=` (renderer, gpu-process, utility, zygote), or `browser`. */
  type: string;
  rssMB: number;
  /** The kernel's peak resident size over the process's life. */
  hwmMB: number;
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

const pids = () =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);

function statusKB(status: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
}

/** The browser process launched with this user-data dir (the one without a `--type=`). */
export function findBrowserPid(userDataDir: string): number | null {
  for (const pid of pids()) {
    const args = read(`/proc/${pid}/cmdline`)?.split('\0') ?? [];
    if (
      args.includes(`--user-data-dir=${userDataDir}`) &&
      !args.some((a) => a.includes('--type='))
    ) {
      return pid;
    }
  }
  return null;
}

/** Every live descendant of `root` (renderers are forked by the zygote, itself the browser's child). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of pids()) {
    // The parent is the 4th field; the command name before it may hold spaces, so split after its ")".
    const stat = read(`/proc/${pid}/stat`);
    const ppid = Number(stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(pid);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

export function sampleBrowser(browserPid: number): ProcessSample[] {
  const samples: ProcessSample[] = [];
  for (const pid of descendants(browserPid)) {
    const status = read(`/proc/${pid}/status`);
    // Zygote children rewrite their command line as one string with spaces, so the type is matched, not split out.
    const type = /--type=([\w-]+)/.exec(read(`/proc/${pid}/cmdline`) ?? '')?.[1] ?? 'browser';
    if (!status) continue;
    samples.push({
      pid,
      type: pid === browserPid ? 'browser' : type,
      rssMB: statusKB(status, 'VmRSS') / 1024,
      hwmMB: statusKB(status, 'VmHWM') / 1024,
    });
  }
  return samples;
}

/** Peaks over one phase: the largest renderer (the tab), the GPU process, and all processes together. */
export interface MemoryPeaks {
  rendererRssMB: number;
  rendererHwmMB: number;
  gpuRssMB: number;
  totalRssMB: number;
  /** Renderer pids seen, to tell whether a reload kept the tab's process (then its HWM covers both phases). */
  rendererPids: Set<number>;
}

export class MemoryWatch {
  private timer: NodeJS.Timeout | null = null;
  peaks: MemoryPeaks = MemoryWatch.empty();

  constructor(
    private readonly browserPid: number,
    private readonly intervalMs = 200,
  ) {}

  private static empty(): MemoryPeaks {
    return {
      rendererRssMB: 0,
      rendererHwmMB: 0,
      gpuRssMB: 0,
      totalRssMB: 0,
      rendererPids: new Set(),
    };
  }

  sample(): void {
    const samples = sampleBrowser(this.browserPid);
    const p = this.peaks;
    let total = 0;
    for (const s of samples) {
      total += s.rssMB;
      if (s.type === 'renderer') {
        p.rendererPids.add(s.pid);
        p.rendererRssMB = Math.max(p.rendererRssMB, s.rssMB);
        p.rendererHwmMB = Math.max(p.rendererHwmMB, s.hwmMB);
      }
      if (s.type === 'gpu-process') p.gpuRssMB = Math.max(p.gpuRssMB, s.rssMB);
    }
    p.totalRssMB = Math.max(p.totalRssMB, total);
  }

  /** Starts a fresh phase. */
  start(): void {
    this.stop();
    this.peaks = MemoryWatch.empty();
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): MemoryPeaks {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    return this.peaks;
  }
}
