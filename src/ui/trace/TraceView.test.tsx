// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as RenderMarkdown from './render-markdown.ts';
import type { TraceBlock } from './trace-block.ts';
import { TraceView } from './TraceView.tsx';
import { loadProseRenderers } from './use-prose-renderers.ts';

const renderProseSpy = vi.hoisted(() => ({ calls: [] as string[] }));

vi.mock('./render-markdown.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof RenderMarkdown>();
  return {
    ...actual,
    renderProse: (text: string, options: { streaming: boolean }) => {
      renderProseSpy.calls.push(text);
      return actual.renderProse(text, options);
    },
    renderProseParts: (text: string, options: { streaming: boolean }) => {
      renderProseSpy.calls.push(text);
      return actual.renderProseParts(text, options);
    },
  };
});

const prose = (id: string, text: string, done = true): TraceBlock => ({
  id,
  kind: 'text',
  text,
  done,
});
const code = (id: string, text: string, done = true): TraceBlock => ({
  id,
  kind: 'code',
  text,
  done,
});
const output = (
  id: string,
  text: string,
  execution?: TraceBlock['execution'],
  done = true,
): TraceBlock => ({
  id,
  kind: 'execution',
  text,
  done,
  execution,
});
const ok = { error: false, timedOut: false, durationMs: 120 };

function blockElements(container: HTMLElement) {
  return [...container.querySelectorAll<HTMLElement>('[data-block]')];
}

// The page loads Markdown and KaTeX on first use; these tests render with them in place.
beforeAll(() => loadProseRenderers());

beforeEach(() => {
  renderProseSpy.calls.length = 0;
});

afterEach(() => {
  cleanup();
});

describe('TraceView', () => {
  it('renders each block as a list item with its data-block kind and done state', () => {
    const { container } = render(
      <TraceView
        blocks={[
          prose('1', 'Let $x = 2$.'),
          code('2', 'print(x ** 2)'),
          output('3', '4\n', ok),
          prose('4', 'So', false),
        ]}
        answer="4"
        streaming={true}
      />,
    );
    const list = screen.getByRole('list', { name: 'Solution steps' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    expect(blockElements(container).map((node) => [node.dataset.block, node.dataset.done])).toEqual(
      [
        ['text', 'true'],
        ['code', 'true'],
        ['execution', 'true'],
        ['text', 'false'],
        ['answer', 'true'],
      ],
    );
    expect(container.querySelector('[data-block="text"] .katex')).not.toBeNull();
  });

  it('highlights code and labels it as Python', () => {
    const { container } = render(
      <TraceView blocks={[code('1', 'def f():\n    return 1')]} answer={null} streaming={false} />,
    );
    const figure = screen.getByRole('figure', { name: 'Python code' });
    expect(figure.textContent).toContain('Python');
    expect(container.querySelector('[data-block="code"] .hljs-keyword')?.textContent).toBe('def');
  });

  it('flags a cell whose code holds text-direction characters, and no other', () => {
    render(
      <TraceView
        blocks={[code('1', 'x = 1  # \u202Ereversed'), code('2', 'y = 2')]}
        answer={null}
        streaming={false}
      />,
    );
    const [flagged, plain] = screen.getAllByRole('figure', { name: 'Python code' });
    expect(within(flagged!).getByRole('note').textContent).toMatch(/text-direction characters/);
    expect(within(flagged!).getByText('⟨U+202E⟩')).toBeTruthy();
    expect(within(plain!).queryByRole('note')).toBeNull();
  });

  it('marks an error with a text label, not colour alone', () => {
    const { container } = render(
      <TraceView
        blocks={[
          output('1', 'Traceback (most recent call last):\nZeroDivisionError: division by zero', {
            ...ok,
            error: true,
          }),
        ]}
        answer={null}
        streaming={false}
      />,
    );
    const block = container.querySelector<HTMLElement>('[data-block="execution"]');
    expect(block?.dataset.status).toBe('error');
    expect(within(block as HTMLElement).getByText('Error')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Python output: Error' })).toBe(block);
  });

  it('marks a traceback as an error in a saved solution that has no execution details', () => {
    const { container } = render(
      <TraceView
        blocks={[
          output('1', 'Traceback (most recent call last):\n  File "<cell>", line 1\nNameError: x'),
          output('2', '42'),
        ]}
        answer={null}
        streaming={false}
      />,
    );
    expect(blockElements(container).map((node) => node.dataset.status)).toEqual(['error', 'ok']);
  });

  it('says when a cell timed out, ran with no output, or is still running', () => {
    const { container } = render(
      <TraceView
        blocks={[
          output('1', '', { error: true, timedOut: true, durationMs: 10_000 }),
          output('2', '', ok),
          output('3', '', undefined, false),
        ]}
        answer={null}
        streaming={true}
      />,
    );
    const [timedOut, empty, running] = blockElements(container);
    expect(timedOut?.textContent).toContain('Timed out');
    expect(timedOut?.textContent).toContain('10.0 s');
    expect(empty?.textContent).toContain('(no output)');
    expect(running?.textContent).toContain('Running…');
    expect(running?.textContent).not.toContain('(no output)');
    expect(running?.dataset.done).toBe('false');
  });

  it('caps very long output and says how much is hidden', () => {
    const long = `${'a'.repeat(30_000)}END`;
    const { container } = render(
      <TraceView blocks={[output('1', long, ok)]} answer={null} streaming={false} />,
    );
    const pre = container.querySelector('[data-block="execution"] pre');
    expect(pre?.textContent?.length).toBeLessThan(21_000);
    expect(pre?.textContent?.endsWith('END')).toBe(true);
    expect(pre?.textContent).toContain('10,003 characters hidden');
  });

  it('shows model text from code and output as text, never as markup', () => {
    const { container } = render(
      <TraceView
        blocks={[
          prose('1', '<img src=x onerror="window.pwned = 1"> <script>window.pwned = 1</script>'),
          code('2', 'print("<iframe src=https://example.com></iframe>")'),
          output('3', '<img src=x onerror="window.pwned = 1">', ok),
        ]}
        answer={'<img src=x onerror="window.pwned = 1">'}
        streaming={false}
      />,
    );
    expect(container.querySelector('img, script, iframe')).toBeNull();
    expect(container.querySelector('[data-block="execution"] pre')?.textContent).toBe(
      '<img src=x onerror="window.pwned = 1">',
    );
  });

  it('shows the answer typeset and labelled', () => {
    render(<TraceView blocks={[prose('1', 'Done.')]} answer="\frac{1}{2}" streaming={false} />);
    const answer = screen.getByRole('region', { name: 'Answer' });
    expect(answer.dataset.block).toBe('answer');
    expect(answer.textContent).toContain('Answer');
    expect(answer.querySelector('.katex .mfrac')).not.toBeNull();
  });

  it('marks where the steps the model no longer reads end', () => {
    const blocks = [
      code('1', 'a = 1'),
      output('2', '1', ok),
      code('3', 'b = 2'),
      output('4', '2', ok),
      prose('5', 'So the sum is 3.'),
    ];
    render(<TraceView blocks={blocks} answer={null} streaming={false} leftOutBlocks={2} />);
    const items = within(screen.getByRole('list', { name: 'Solution steps' })).getAllByRole(
      'listitem',
    );
    const mark = screen.getByRole('note', { name: 'Left out of the model’s context' });
    expect(mark.textContent).toMatch(/the 2 steps above\. Its context window was full/);
    // Right after the second block, before the third.
    expect(items.indexOf(mark.closest('li')!)).toBe(2);
  });

  it('shows no context mark while every step is in the model’s context', () => {
    render(<TraceView blocks={[prose('1', 'Hi')]} answer={null} streaming={false} />);
    expect(screen.queryByRole('note', { name: 'Left out of the model’s context' })).toBeNull();
  });

  it('shows no answer block until there is an answer', () => {
    const { container } = render(
      <TraceView blocks={[prose('1', 'Thinking', false)]} answer={null} streaming={true} />,
    );
    expect(container.querySelector('[data-block="answer"]')).toBeNull();
  });

  it('re-renders only the block that grew', () => {
    const first = prose('1', 'First step with $a_1$.');
    const { rerender } = render(
      <TraceView blocks={[first, prose('2', 'Sec', false)]} answer={null} streaming={true} />,
    );
    rerender(
      <TraceView
        blocks={[{ ...first }, prose('2', 'Second', false)]}
        answer={null}
        streaming={true}
      />,
    );
    rerender(
      <TraceView
        blocks={[{ ...first }, prose('2', 'Second step', false)]}
        answer={null}
        streaming={true}
      />,
    );
    expect(renderProseSpy.calls).toEqual([
      'First step with $a_1$.',
      'Sec',
      'Second',
      'Second step',
    ]);
  });

  it('keeps a paragraph of hundreds of formulas in groups of lines, and a chunk changes only the last group', () => {
    const formulas = (n: number) => `Sum: ${'\\(a_{1}\\) '.repeat(n)}`;
    const { container, rerender } = render(
      <TraceView blocks={[prose('1', formulas(300), false)]} answer={null} streaming={true} />,
    );
    const groups = () => [...container.querySelectorAll<HTMLElement>('.trace-prose-run-group')];
    // 300 formulas: 19 runs of at most 16, in groups of 8 runs.
    expect(groups()).toHaveLength(3);
    expect(groups().map((group) => group.querySelectorAll('.trace-prose-run').length)).toEqual([
      8, 8, 3,
    ]);
    const [first, second] = groups();
    const settled = [first?.innerHTML, second?.innerHTML];
    rerender(
      <TraceView blocks={[prose('1', formulas(310), false)]} answer={null} streaming={true} />,
    );
    expect(groups()).toHaveLength(3);
    expect([groups()[0]?.innerHTML, groups()[1]?.innerHTML]).toEqual(settled);
    // 310 formulas: 20 runs, the new ones in the last group.
    expect(groups()[2]?.querySelectorAll('.trace-prose-run').length).toBe(4);
  });

  it('announces each finished block once, not each token', () => {
    const { rerender } = render(
      <TraceView blocks={[prose('1', 'Let', false)]} answer={null} streaming={true} />,
    );
    const status = screen.getByRole('status', { name: 'Solution progress' });
    expect(status.textContent).toBe('');

    rerender(<TraceView blocks={[prose('1', 'Let x', false)]} answer={null} streaming={true} />);
    expect(status.textContent).toBe('');

    rerender(<TraceView blocks={[prose('1', 'Let x be 2.')]} answer={null} streaming={true} />);
    expect(status.textContent).toBe('Step 1 written');

    const steps = [
      prose('1', 'Let x be 2.'),
      code('2', 'print(2 ** 10)'),
      output('3', '1024\n', ok),
    ];
    rerender(<TraceView blocks={steps} answer={null} streaming={true} />);
    expect(status.textContent).toBe('Code ran: output 1024');

    rerender(<TraceView blocks={steps} answer="1024" streaming={false} />);
    expect(status.textContent).toBe('Answer: 1024');
  });

  it('does not read out a solution that was already finished when shown', () => {
    render(
      <TraceView
        blocks={[prose('1', 'Saved step.'), output('2', '3', ok)]}
        answer="3"
        streaming={false}
      />,
    );
    expect(screen.getByRole('status', { name: 'Solution progress' }).textContent).toBe('');
  });
});

describe('before the Markdown and KaTeX code has loaded', () => {
  it('shows prose as plain text, then typeset', async () => {
    vi.resetModules();
    const fresh = await import('./TraceView.tsx');
    const renderers = await import('./use-prose-renderers.ts');
    const view = (
      <fresh.TraceView blocks={[prose('1', 'Area $a^2$.')]} answer={null} streaming={false} />
    );
    const first = render(view).container.querySelector('[data-block="text"]');
    expect(first?.textContent).toBe('Area $a^2$.');
    expect(first?.querySelector('.katex')).toBeNull();
    cleanup();
    await act(() => renderers.loadProseRenderers());
    // Formulas are typeset a frame's worth at a time: the slice that earlier tests' renders started ends first.
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const { container } = await act(async () => render(view));
    expect(container.querySelector('[data-block="text"] .katex-mathml math')).not.toBeNull();
  });
});
