import { useShallow } from 'zustand/react/shallow';
import './modes.css';
import { useModeStore, type TutorMode } from '../state/mode-store';
import type { TraceBlock } from '../trace/trace-block';
import { TraceView } from '../trace/TraceView';
import { CheckAnswer } from './CheckAnswer';
import { StepByStep } from './StepByStep';
import { stepsOf } from './steps';

interface TutorViewProps {
  blocks: readonly TraceBlock[];
  answer: string | null;
  streaming: boolean;
  rerunning: boolean;
  leftOutBlocks?: number;
}

const modes: Array<{ value: TutorMode; label: string }> = [
  { value: 'whole', label: 'Whole solution' },
  { value: 'steps', label: 'Step by step' },
];

/** The solution as a whole or step by step, and the student's own answer checked against it. */
export function TutorView({
  blocks,
  answer,
  streaming,
  rerunning,
  leftOutBlocks = 0,
}: TutorViewProps) {
  const { mode, revealed } = useModeStore(
    useShallow((s) => ({ mode: s.mode, revealed: s.revealed })),
  );
  // Both views take the same trace; only how much of it shows differs.
  const View = mode === 'steps' ? StepByStep : TraceView;
  return (
    <>
      <ModeSwitch />
      <View
        blocks={blocks}
        answer={answer}
        streaming={streaming}
        rerunning={rerunning}
        leftOutBlocks={leftOutBlocks}
      />
      <CheckAnswer
        hasAnswer={answer !== null}
        answerHidden={mode === 'steps' && (revealed < stepsOf(blocks).length || streaming)}
      />
    </>
  );
}

/** Whole solution or step by step; offered before a solve too, so a student can start hidden. */
export function ModeSwitch() {
  const { mode, setMode } = useModeStore(useShallow((s) => ({ mode: s.mode, setMode: s.setMode })));
  return (
    <fieldset className="mode-switch">
      <legend className="field-label">Show</legend>
      {modes.map((m) => (
        <label key={m.value} className="mode-option">
          <input
            type="radio"
            name="tutor-mode"
            value={m.value}
            checked={mode === m.value}
            onChange={() => setMode(m.value)}
          />
          {m.label}
        </label>
      ))}
    </fieldset>
  );
}
