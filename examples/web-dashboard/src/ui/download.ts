/** How long a download's Blob URL is kept: long enough for any browser to have started saving it. */
const KEEP_URL_MS = 60_000;

/** Saves `blob` as a file named `fileName` through a Blob URL and a clicked link; returns the way to release the URL early. */
export function downloadBlob(blob: Blob, fileName: string): () => void {
  const url = URL.createObjectURL(blob);
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
