import type { ReactNode } from 'react';
import type { EngineErrorData } from '../engine/types';
import { errorHelp } from './error-help';

export function ErrorMessage({
  error,
  children,
  collapsed = false,
}: {
  error: EngineErrorData;
  children?: ReactNode;
  /** Title only, the rest behind a disclosure: for a problem that does not stop what the student is doing. */
  collapsed?: boolean;
}) {
  const help = errorHelp[error.code] ?? errorHelp.unknown;
  const details = (
    <>
      {error.message && error.message !== help.title && <p>{error.message}</p>}
      {help.advice && <p className="advice">{help.advice}</p>}
      {/* Only a reload brings back a module the browser failed to import: it remembers the failure. */}
      {error.code === 'app-outdated' && (
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      )}
      {children}
    </>
  );
  return (
    <div className="error-message" role="alert" data-error={error.code}>
      {collapsed ? (
        <details>
          <summary>
            <strong>{help.title}</strong>
          </summary>
          {details}
        </details>
      ) : (
        <>
          <strong>{help.title}</strong>
          {details}
        </>
      )}
    </div>
  );
}
