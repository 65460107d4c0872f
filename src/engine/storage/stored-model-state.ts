/** What of a model is kept in the browser between visits. */
export interface StoredModelState {
  /** `partial`: some files stored (an interrupted download, resumed on the next load); `unavailable`: no browser storage. */
  status: 'downloaded' | 'partial' | 'absent' | 'unavailable';
  storedBytes: number;
}
