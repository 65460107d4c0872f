// The system Chromium the tests and benchmarks drive, and the switches that keep it quiet on a closed network.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No background downloads, component updates, sync or first-run pages: nothing but the app talks to the network. */
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
