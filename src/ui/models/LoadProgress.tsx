export function LoadProgress({ fraction, text }: { fraction: number | null; text: string }) {
  const percent = fraction === null ? null : Math.round(fraction * 100);
  return (
    <div className="load-progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label="Model download"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={text}
      >
        <div
          className={percent === null ? 'progress-fill indeterminate' : 'progress-fill'}
          style={{ width: `${percent ?? 100}%` }}
        />
      </div>
      <p className="muted progress-text">{text}</p>
    </div>
  );
}
