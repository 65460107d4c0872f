// One Solve on a loaded model: whether the first token arrives and when. Constant weights write garbage, so nothing
// about the answer is checked; a solve still running at the limit is stopped.
import type { Page } from '@playwright/test';

export interface SolveOutcome {
  firstTokenSeconds: number | null;
  /** Done, Stopped or Could not finish, or `still solving` at the limit. */
  status: string;
  completionTokens: number | null;
  seconds: number;
}

/** Model text in the trace, or a count of generated tokens once the usage line shows. */
const hasOutput = (page: Page) =>
  page.evaluate(() => {
    const blocks = [...document.querySelectorAll('[data-block]')];
    const usage = document.querySelector('[aria-label="Usage"]');
    return (
      blocks.some((b) => (b.textContent ?? '').trim() !== '') ||
      Number(usage?.getAttribute('data-completion') ?? 0) > 0
    );
  });

export async function solveOnce(
  page: Page,
  problem: string,
  limitMs: number,
): Promise<SolveOutcome> {
  await page.getByRole('textbox', { name: 'Problem' }).fill(problem);
  const status = page.getByRole('status', { name: 'Solve status' });
  const started = Date.now();
  await page.getByRole('button', { name: 'Solve' }).click();
  let firstTokenSeconds: number | null = null;
  let text = '';
  while (Date.now() - started < limitMs) {
    if (firstTokenSeconds === null && (await hasOutput(page))) {
      firstTokenSeconds = (Date.now() - started) / 1000;
    }
    text = ((await status.textContent()) ?? '').trim();
    if (/^(Done|Stopped|Could not finish)\./.test(text)) break;
    await page.waitForTimeout(250);
  }
  const seconds = (Date.now() - started) / 1000;
  if (!/^(Done|Stopped|Could not finish)\./.test(text)) {
    text = 'still solving';
    await page
      .getByRole('button', { name: 'Stop' })
      .click()
      .catch(() => undefined);
  }
  const completion = await page
    .getByLabel('Usage')
    .getAttribute('data-completion', { timeout: 2000 })
    .catch(() => null);
  return {
    firstTokenSeconds,
    status: text,
    completionTokens: completion === null ? null : Number(completion),
    seconds,
  };
}
