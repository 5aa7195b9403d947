/** Save a URL (a data: or blob: URL) under `fileName` through the browser's download. */
export function downloadURL(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** Save a Blob as a file. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  downloadURL(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
