import type { ReactNode } from 'react';
import type { EngineErrorData } from '../engine/types';
import { errorHelp } from './error-help';

export function ErrorMessage({
  error,
  children,
}: {
  error: EngineErrorData;
  children?: ReactNode;
}) {
  const help = errorHelp[error.code] ?? errorHelp.unknown;
  return (
    <div className="error-message" role="alert" data-error={error.code}>
      <strong>{help.title}</strong>
      {error.message && error.message !== help.title && <p>{error.message}</p>}
      {help.advice && <p className="advice">{help.advice}</p>}
      {children}
    </div>
  );
}
