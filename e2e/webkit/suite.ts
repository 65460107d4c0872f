// The cross-browser cases in WebKit, Safari's engine: Debian's WebKitGTK MiniBrowser driven by WebKitWebDriver over
// classic WebDriver. MiniBrowser needs a display: the npm script runs this under xvfb-run. Usage: npm run test:webkit
// (after vite build; WEBKIT_DRIVER, MINIBROWSER, WEBKIT_PORT, E2E_DIST, ONLY=<part of a case name>). The port
// and the three after it are used: the isolated build, the plain one, the driver and the error recorder's host.
import { existsSync } from 'node:fs';
import { runCases } from '../browsers/run-cases.ts';
import { webDriver } from '../browsers/webdriver-driver.ts';
import { startErrorRecorderHost } from './error-recorder-host.ts';

const driverPath = process.env.WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const miniBrowser =
  process.env.MINIBROWSER ??
  ['4.1', '4.0', '6.0']
    .map((v) => `/usr/lib/x86_64-linux-gnu/webkit2gtk-${v}/MiniBrowser`)
    .find((path) => existsSync(path));
const port = Number(process.env.WEBKIT_PORT ?? 4283);

async function launch() {
  if (!existsSync(driverPath))
    throw new Error(`no WebKitWebDriver at ${driverPath} (set WEBKIT_DRIVER)`);
  if (!miniBrowser) throw new Error('no WebKitGTK MiniBrowser found (set MINIBROWSER)');
  return webDriver({
    driverPath,
    // The driver's own port, beside the two hosts.
    port: port + 2,
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: miniBrowser,
        args: ['--automation'],
      },
    },
  });
}

runCases(launch, {
  key: 'webkit',
  port,
  // Errors the app reports while it first runs would otherwise go unseen here.
  frontIsolated: (origin) => startErrorRecorderHost(origin, port + 3),
  dist: process.env.E2E_DIST ?? 'dist',
  only: process.env.ONLY,
}).catch((error: unknown) => {
  console.error(`test:webkit: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
