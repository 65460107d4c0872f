/** The last path segment of a URL, decoded for display; a malformed escape (`%E0%A4%A`) shows as written instead of throwing. */
export function urlFileName(url: URL): string {
  const last = url.pathname.split('/').pop() || url.pathname;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
