// Serves a production build with `vite preview` for the benchmarks, and stops it with its children.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface PreviewServer {
  origin: string;
  stop(): void;
}

async function answers(origin: string): Promise<boolean> {
  try {
    return (await fetch(origin)).ok;
  } catch {
    return false;
  }
}

/** Starts `vite preview` on `dist` and resolves once it answers; rejects if the port is taken. */
export async function startPreview(dist: string, port: number): Promise<PreviewServer> {
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`no ${dist}/index.html: run npm run build first`);
  }
  const origin = `http://localhost:${port}`;
  const args = ['vite', 'preview', '--port', String(port), '--strictPort', '--outDir', dist];
  const server = spawn('npx', args, { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      // already gone
    }
  };
  // Another server already on the port would be measured instead of this build.
  let exited = false;
  server.once('exit', () => (exited = true));
  for (let i = 0; i < 150 && !exited; i++) {
    if (await answers(origin)) return { origin, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stop();
  throw new Error(
    exited
      ? `vite preview exited: is port ${port} taken?`
      : `vite preview did not answer on ${origin}`,
  );
}
