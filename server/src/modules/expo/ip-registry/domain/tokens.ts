/**
 * Search tokens of listing text: lower-case Latin words and digits, and the characters and
 * overlapping bigrams of Chinese (and other CJK) runs, since Chinese has no spaces and PostgreSQL's 'simple' parser would
 * keep a whole sentence as one word. A query is tokenised the same way and must contain all tokens.
 */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

export const tokenize = (text: string, maxTokens = 500): string[] => {
  const tokens = new Set<string>();
  for (const [run] of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    if (CJK.test(run)) {
      const chars = [...run];
      // Single characters too, so a one-character query finds something.
      for (const char of chars) {
        tokens.add(char);
      }
      for (let i = 0; i + 1 < chars.length; i += 1) {
        tokens.add(`${chars[i]}${chars[i + 1]}`);
      }
    } else if (run.length <= 40) {
      tokens.add(run);
    }
    if (tokens.size >= maxTokens) {
      break;
    }
  }
  return [...tokens].slice(0, maxTokens);
};
