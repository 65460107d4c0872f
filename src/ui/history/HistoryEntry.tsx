import type { HistoryItem } from '../state/history-store';
import { formatWhen, shortProblem, statusLabel } from './history-labels';

interface HistoryEntryProps {
  item: HistoryItem;
  current: boolean;
  disabled: boolean;
  onOpen(): void;
  onDelete(): void;
}

export function HistoryEntry({ item, current, disabled, onOpen, onDelete }: HistoryEntryProps) {
  const textId = `history-problem-${item.id}`;
  return (
    <li className="history-entry" data-status={item.status}>
      {/* A link, so its name (the problem) never reads as one of the page's buttons. */}
      <a
        href={`#history-${item.id}`}
        className="history-open"
        aria-current={current ? 'true' : undefined}
        aria-disabled={disabled ? 'true' : undefined}
        onClick={(e) => {
          e.preventDefault();
          if (!disabled) onOpen();
        }}
      >
        <span className="history-problem" id={textId}>
          {shortProblem(item.problem)}
        </span>
        <span className="history-meta muted">
          {formatWhen(item.createdAt)} ·{' '}
          <span className={`history-status-${item.status}`}>{statusLabel[item.status]}</span>
          {item.answer !== null && ` · answer ${shortProblem(item.answer, 24)}`}
          {item.checkCount > 0 &&
            ` · ${item.checkCount} ${item.checkCount === 1 ? 'check' : 'checks'}`}
        </span>
      </a>
      <button
        type="button"
        className="history-delete"
        aria-describedby={textId}
        disabled={disabled && current}
        onClick={onDelete}
      >
        Delete
      </button>
    </li>
  );
}
