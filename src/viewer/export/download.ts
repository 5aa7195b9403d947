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

/** Save text as a file. */
export function downloadText(text: string, mimeType: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  downloadURL(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
