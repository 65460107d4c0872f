import { useContext, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { IntentsContext } from '../intents.ts';
import { useEditStore } from '../state/edit-store.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { hasBidiControls } from './bidi-controls.ts';
import { highlightPython } from './highlight.ts';
import { useCopy } from './use-copy.ts';

interface CodeBlockProps {
  /** The block's id; edit & re-run needs it (a view without intents shows no editing). */
  id?: string;
  text: string;
  done: boolean;
  edited?: boolean;
}

const copyText = { idle: '', copied: 'Copied', failed: 'Copy failed: select the code and copy it' };

export function CodeBlock({ id, text, done, edited = false }: CodeBlockProps) {
  const intents = useContext(IntentsContext);
  const bodyId = useId();
  const editorId = useId();
  const [collapsed, setCollapsed] = useState(false);
  const [draft, setDraft] = useState<string | null>(null);
  const [copyState, copy] = useCopy();
  const editButton = useRef<HTMLButtonElement>(null);
  const codeView = useRef<HTMLPreElement>(null);
  const solving = useTraceStore((s) => s.status === 'solving');
  const edit = useEditStore(
    useShallow((s) => ({
      anyRerun: s.rerunning !== null,
      rerunningHere: id !== undefined && s.rerunning === id,
      continueHere: id !== undefined && s.continueFrom === id,
      message: id !== undefined && s.message?.blockId === id ? s.message : null,
    })),
  );
  const editable = intents !== null && id !== undefined;
  const idle = done && !solving && !edit.anyRerun;
  const lines = text.split('\n').length;
  const bidi = hasBidiControls(text);

  const run = () => {
    if (!editable || draft === null || !idle) return;
    intents.rerunFrom(id, draft);
    setDraft(null);
    // The editor goes away; the cell's code takes the focus, and its status line reports the run.
    requestAnimationFrame(() => codeView.current?.focus());
  };
  const cancel = () => {
    setDraft(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const onEditorKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    }
  };

  return (
    <figure
      className="trace-block trace-code"
      data-block="code"
      data-done={done ? 'true' : 'false'}
      data-edited={edited ? 'true' : 'false'}
      aria-label={edited ? 'Python code, edited' : 'Python code'}
    >
      <div className="trace-code-head">
        <span className="trace-label" aria-hidden="true">
          Python{edited && <span className="trace-edited"> · edited</span>}
        </span>
        <span className="trace-tools">
          <button
            type="button"
            className="trace-tool"
            aria-expanded={!collapsed}
            aria-controls={bodyId}
            aria-label={collapsed ? 'Expand code' : 'Collapse code'}
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? 'Expand' : 'Collapse'}
          </button>
          <button
            type="button"
            className="trace-tool"
            aria-label="Copy code"
            onClick={() => copy(draft ?? text)}
          >
            Copy
          </button>
          {editable && (
            <button
              ref={editButton}
              type="button"
              className="trace-tool"
              aria-label="Edit code"
              disabled={!idle || draft !== null}
              title={idle ? undefined : 'Available once the solution has stopped running'}
              onClick={() => {
                setCollapsed(false);
                setDraft(text);
              }}
            >
              Edit
            </button>
          )}
          <span className="trace-tool-status" role="status">
            {copyText[copyState]}
          </span>
        </span>
      </div>
      {bidi && (
        <p className="trace-warning" role="note">
          This code contains invisible text-direction characters, shown as ⟨U+…⟩ marks: without them
          it could read differently from what runs.
        </p>
      )}
      <div id={bodyId} hidden={collapsed}>
        {draft !== null ? (
          <div className="trace-editor">
            <label htmlFor={editorId} className="trace-editor-label">
              Edit this Python cell
            </label>
            <textarea
              id={editorId}
              className="trace-editor-input"
              value={draft}
              rows={Math.min(Math.max(draft.split('\n').length + 1, 3), 20)}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              aria-describedby={`${editorId}-hint`}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={onEditorKey}
            />
            <p id={`${editorId}-hint`} className="trace-muted">
              Runs this cell and every later cell again in a fresh namespace. Ctrl+Enter runs,
              Escape cancels.
            </p>
            <div className="trace-editor-actions">
              <button type="button" className="primary" onClick={run} disabled={!idle}>
                Run from here
              </button>
              <button type="button" onClick={cancel}>
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <pre className="trace-pre" tabIndex={0} ref={codeView}>
            <code
              className="hljs language-python"
              dangerouslySetInnerHTML={{ __html: highlightPython(text) }}
            />
          </pre>
        )}
      </div>
      {collapsed && (
        <p className="trace-muted">{lines === 1 ? '1 line hidden' : `${lines} lines hidden`}</p>
      )}
      {editable && (
        <div className="trace-edit-status" role="status">
          {edit.rerunningHere && 'Running this cell and the cells after it again…'}
          {edit.message && !edit.rerunningHere && edit.message.text}
        </div>
      )}
      {editable && (edit.rerunningHere || edit.continueHere) && (
        <div className="trace-editor-actions">
          {edit.rerunningHere && (
            <button type="button" onClick={() => intents.stop()}>
              Stop re-run
            </button>
          )}
          {edit.continueHere && (
            <button type="button" disabled={!idle} onClick={() => intents.continueFrom(id)}>
              Continue from here
            </button>
          )}
        </div>
      )}
    </figure>
  );
}
