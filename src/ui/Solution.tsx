import { useShallow } from 'zustand/react/shallow';
import { useTraceStore } from './state/trace-store';
import { SolveStatus } from './SolveStatus';
import { useFrameStore } from './state/use-frame-store';
import { ErrorMessage } from './ErrorMessage';
import { UsageLine } from './UsageLine';
import { ModeSwitch, TutorView } from './modes/TutorView';
import { useEditStore } from './state/edit-store';

export function Solution() {
  // Once a frame: tokens arrive faster than the screen can show them.
  const { blocks, answer, status, capped, error, notices, leftOutBlocks, usage } = useFrameStore(
    useTraceStore,
    useShallow((s) => ({
      blocks: s.blocks,
      answer: s.answer,
      status: s.status,
      capped: s.capped,
      error: s.error,
      notices: s.notices,
      leftOutBlocks: s.leftOutBlocks,
      usage: s.usage,
    })),
  );
  const rerunning = useEditStore((s) => s.rerunning !== null);
  const empty = status === 'idle' && blocks.length === 0;

  return (
    <section className="solution" aria-label="Solution">
      <div className="solution-head">
        <h2>Solution</h2>
        <SolveStatus />
      </div>
      {capped && <p className="muted">The model reached the block limit before it finished.</p>}
      {error && <ErrorMessage error={error} />}
      {empty && <ModeSwitch />}
      {empty ? (
        <p className="empty muted">
          Type a problem and press Solve. The model explains, writes Python, runs it here in your
          browser, and reads the output before it goes on.
        </p>
      ) : (
        <TutorView
          blocks={blocks}
          answer={answer}
          streaming={status === 'solving'}
          rerunning={rerunning}
          leftOutBlocks={leftOutBlocks}
        />
      )}
      {notices.length > 0 && (
        <ul className="notices">
          {notices.map((n, i) => (
            <li key={i}>{n.message}</li>
          ))}
        </ul>
      )}
      {usage && <UsageLine usage={usage.usage} pythonMs={usage.pythonMs} />}
    </section>
  );
}
