/** A line for the reader, on stderr: stdout is the script's own output, often piped. */
export const say = (line: string) => process.stderr.write(`${line}\n`);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs a command's main and exits with the code it returns, or 1 with `name: why` when it throws. exitCode, not
 * exit(): stdout to a pipe is written asynchronously and must drain first.
 */
export function runMain(
  name: string,
  main: () => Promise<number>,
  why: (error: unknown) => string = message,
): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      say(`${name}: ${why(error)}`);
      process.exitCode = 1;
    },
  );
}
