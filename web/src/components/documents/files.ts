// Names of the files the documents pages save. The document number is the name people search their
// downloads for, but it is typed by users and may hold characters a file system refuses.

// Reserved on Windows (and `/` everywhere), plus control characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const MAX_STEM = 120;

/** A file name stem from user text: unsafe characters become `_`, never empty. */
export const safeFileStem = (text: string): string => {
  const cleaned = text
    .replace(UNSAFE, '_')
    .trim()
    // Windows drops trailing dots and spaces, and a leading dot hides the file on Unix.
    .replace(/[. ]+$/, '')
    .replace(/^\.+/, '')
    .slice(0, MAX_STEM);
  return cleaned === '' ? 'document' : cleaned;
};

/** `<documentNumber>.tradehub.json`, the verification bundle. */
export const bundleFileName = (documentNumber: string): string =>
  `${safeFileStem(documentNumber)}.tradehub.json`;

/** `<documentNumber>.pdf`, the printable document with the bundle attached. */
export const pdfFileName = (documentNumber: string): string => `${safeFileStem(documentNumber)}.pdf`;
