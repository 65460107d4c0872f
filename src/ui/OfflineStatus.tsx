import { useUpdateStore, type OfflineStatus as Status } from './state/update-store';

const words: Record<Status, string> = {
  saving: 'Saving the app for offline use…',
  ready: 'The app works offline; a model does once it has been downloaded.',
  unavailable: 'Offline use is not available here.',
};

export function OfflineStatus() {
  const { version, offline, offlineReason } = useUpdateStore();
  return (
    <footer className="app-footer muted">
      <p>MathCoder Tutor, version {version}</p>
      <p role="status" aria-label="Offline status">
        {words[offline]}
        {offline === 'unavailable' && offlineReason && ` ${offlineReason}`}
      </p>
    </footer>
  );
}
