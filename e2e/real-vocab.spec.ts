import { expect, test } from '@playwright/test';
import llamaTokenizer from 'llama-tokenizer-js';
import { MATHCODER_ADDED_TOKENS, mathcoderFormat } from '../src/engine/formats/mathcoder';
import { executions, expectSolveDone, problemBox } from './helpers';

// The test model on LLaMA-2's vocabulary with `add_space_prefix` on, as public conversions of MathCoder-L have it.
const TEST_MODEL = '/test-models/tutor-test-llama-vocab.gguf';
const PROBLEM = 'What is six times seven?';

/** The reference's blocks, which hold no leading space, in MathCoder's format. */
const REFERENCE_CONTEXT =
  mathcoderFormat.buildPrompt(PROBLEM) +
  '<|text|>To multiply six by seven, we use Python:<|endofblock|>' +
  '<|code|>x = 6*7\nprint(x)<|endofblock|>' +
  '<|execution|>42<|endofblock|>' +
  '<|text|>The product is \\boxed{42}.<|endofblock|>';

/** Tokens of a prompt read as a SentencePiece tokenizer with a space prefix reads it: each text after a special token starts with `▁`. */
function referenceTokenCount(prompt: string): number {
  const specials = ['<s>', ...MATHCODER_ADDED_TOKENS];
  const pattern = new RegExp(`(${specials.map((s) => s.replace(/[|]/g, '\\|')).join('|')})`);
  return prompt
    .split(pattern)
    .filter((part) => part !== '')
    .reduce(
      (n, part) => n + (specials.includes(part) ? 1 : llamaTokenizer.encode(part, false).length),
      0,
    );
}

test('on a real LLaMA vocabulary the context reads back as the model wrote it, so later blocks reuse the KV cache fully', async ({
  page,
}) => {
  await page.goto(`/?testModel=${TEST_MODEL}`);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/is loaded: llama\.cpp \(wllama\)/)).toBeVisible();
  await problemBox(page).fill(PROBLEM);
  await page.getByRole('button', { name: 'Solve' }).click();
  await expectSolveDone(page);

  await expect(page.locator('[data-block="text"]').first()).toContainText('To multiply six');
  await expect(executions(page).first()).toHaveAttribute('data-status', 'ok');
  await expect(executions(page).first().locator('pre')).toHaveText('42');
  await expect(page.getByRole('region', { name: 'Answer' })).toContainText('42');

  const usage = page.getByLabel('Usage');
  const figure = async (name: string) => Number(await usage.getAttribute(name));
  const read = await figure('data-prompt-read');
  const context = await figure('data-context-tokens');
  // One call per model block and the last, which writes only <|endofmessage|>: each call's stop is not fed back.
  const calls = (await page.locator('[data-block="text"], [data-block="code"]').count()) + 1;
  const generatedInContext = (await figure('data-completion')) - calls;
  expect(context, 'the last prompt holds the tokens the reference holds').toBe(
    referenceTokenCount(REFERENCE_CONTEXT),
  );
  expect(read, 'tokens read == tokens new to the context').toBe(context - generatedInContext);
});
