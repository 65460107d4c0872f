/**
 * In the page: records what it reports from then on (uncaught errors, rejections, console.error) in
 * `window.reportedErrors`. Installed once per document; a second call leaves the first recorder in place. Drivers
 * without a console log of their own use it (WebKit).
 */
export function recordErrors() {
  const win = window as unknown as { reportedErrors?: string[]; recordingSince?: string };
  if (win.reportedErrors) return;
  const reported: string[] = (win.reportedErrors = []);
  // "loading" when it runs as the page's first script, so a case can tell it saw everything.
  win.recordingSince = document.readyState;
  addEventListener('error', (event) => reported.push(String(event.message)));
  addEventListener('unhandledrejection', (event) => reported.push(String(event.reason)));
  const consoleError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    reported.push(args.map(String).join(' '));
    consoleError(...args);
  };
}
