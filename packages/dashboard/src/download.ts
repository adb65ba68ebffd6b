// Saves a Blob as a file: the export needs the bearer header, which a plain link cannot send.

/** Offers `blob` as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later, not at once: some browsers start reading the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
