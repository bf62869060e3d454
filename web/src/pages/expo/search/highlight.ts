/** A piece of text, and whether it is one of the matched search terms. */
export type HighlightPart = { text: string; match: boolean };

// Matched terms come from the server's tokens (lower case, plurals stemmed): a term matches the
// start of an English word ("lamp" marks "Lamps") or any run of Chinese characters equal to it.
/** Splits `text` into matched and unmatched parts for bold highlighting; cheap and never throws. */
export const highlightParts = (text: string, terms: readonly string[]): HighlightPart[] => {
  const usable = [...new Set(terms)]
    .filter((term) => term.length > 0 && !term.includes(':') && !/^hs\d+$/.test(term))
    .sort((a, b) => b.length - a.length)
    .slice(0, 30);
  if (usable.length === 0 || text.length === 0) {
    return [{ text, match: false }];
  }
  const escaped = usable.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(${escaped.join('|')})`, 'giu');
  const parts: HighlightPart[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const before = text[start - 1] ?? '';
    // English terms only at the start of a word; Chinese anywhere.
    if (
      /[a-z0-9]/i.test(match[0][0] ?? '') &&
      /[\p{L}\p{N}]/u.test(before) &&
      !/\p{Script=Han}/u.test(before)
    ) {
      continue;
    }
    if (start > last) {
      parts.push({ text: text.slice(last, start), match: false });
    }
    parts.push({ text: match[0], match: true });
    last = start + match[0].length;
  }
  if (last < text.length) {
    parts.push({ text: text.slice(last), match: false });
  }
  return parts;
};
