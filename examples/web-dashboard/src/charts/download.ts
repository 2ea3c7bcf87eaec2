/** How long a download's Blob URL is kept: long enough for any browser to have started saving it. */
const KEEP_URL_MS = 60_000;

/** Saves text as a file through a Blob URL and a clicked link; returns the way to release the URL early. */
export function downloadText(parts: readonly string[], fileName: string, type = "text/csv;charset=utf-8"): () => void {
  const url = URL.createObjectURL(new Blob(parts as string[], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  const timer = setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
  return () => {
    clearTimeout(timer);
    URL.revokeObjectURL(url);
  };
}
