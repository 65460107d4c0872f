import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH, QUIET_CHROMIUM_ARGS } from './scripts/lib/chromium';

// Quiet on a closed network; WebGPU (SwiftShader on CPU-only machines) only when asked for.
const quietArgs = QUIET_CHROMIUM_ARGS;
const executablePath = CHROMIUM_PATH;
// E2E_PORT and E2E_DIST let several builds be tested side by side on one machine.
const port = Number(process.env.E2E_PORT ?? 4173);
const plainPort = port + 1; // the same build without COOP/COEP: no SharedArrayBuffer, no interrupts
const dist = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  // Unit tests of the suites' own helpers (*.test.ts) run in Vitest.
  testMatch: '**/*.spec.ts',
  // Two cores: Pyodide and sympy already keep both busy.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Pyodide start plus the first sympy import take several seconds here.
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    headless: true,
    trace: 'retain-on-failure',
    // Each fresh context would otherwise download the whole offline copy; the offline and update specs allow it.
    serviceWorkers: 'block',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /no-webgpu/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath, args: [...quietArgs, '--enable-unsafe-webgpu'] },
      },
    },
    {
      name: 'chromium-no-webgpu',
      testMatch: /no-webgpu/,
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath, args: [...quietArgs, '--disable-webgpu'] },
      },
    },
    {
      name: 'chromium-not-isolated',
      testMatch: /sandbox-|page-policy/,
      use: {
        browserName: 'chromium',
        baseURL: `http://localhost:${plainPort}`,
        launchOptions: { executablePath, args: quietArgs },
      },
    },
  ],
  webServer: [
    {
      // The test command builds first; this serves that production build.
      command: `npx vite preview --port ${port} --strictPort --outDir ${dist}`,
      url: `http://localhost:${port}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx tsx scripts/servers/serve-static.ts ${dist} ${plainPort}`,
      url: `http://localhost:${plainPort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
