// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IntentsContext, type TutorIntents } from './intents';
import { ProblemForm } from './ProblemForm';
import { useTraceStore } from './state/trace-store';

const initial = useTraceStore.getState();

describe('ProblemForm', () => {
  afterEach(() => {
    cleanup();
    useTraceStore.setState(initial, true);
  });

  it('refuses edits while solving without the readonly attribute, which lays a long problem out again', () => {
    useTraceStore.getState().setProblem('What is 6 * 7?');
    useTraceStore.getState().start();
    render(
      <IntentsContext value={{ solve: vi.fn(), stop: vi.fn() } as unknown as TutorIntents}>
        <ProblemForm />
      </IntentsContext>,
    );
    const box = screen.getByRole('textbox', { name: 'Problem' });
    expect(box.hasAttribute('readonly')).toBe(false);
    expect(box.getAttribute('aria-readonly')).toBe('true');
    const typing = new InputEvent('beforeinput', { cancelable: true, data: 'x' });
    box.dispatchEvent(typing);
    expect(typing.defaultPrevented).toBe(true);
    fireEvent.change(box, { target: { value: 'Something else' } });
    expect(useTraceStore.getState().problem).toBe('What is 6 * 7?');
  });
});
