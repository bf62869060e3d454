import { readFileSync } from 'node:fs';

// The web app's translation files are the one home of every user-facing string; server tests
// check that the codes they answer with have text there in both languages.
type Tree = { [key: string]: string | Tree };
const files = new Map<string, Tree>();

const load = (locale: 'en' | 'zh-CN'): Tree => {
  let tree = files.get(locale);
  if (tree === undefined) {
    tree = JSON.parse(
      readFileSync(new URL(`../../../web/src/i18n/${locale}.json`, import.meta.url), 'utf8'),
    ) as Tree;
    files.set(locale, tree);
  }
  return tree;
};

/** The text at a dotted key (`fieldErrors.customs.too_long`), or undefined. */
export const webTranslation = (locale: 'en' | 'zh-CN', key: string): string | undefined => {
  let node: string | Tree | undefined = load(locale);
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' && node.trim() !== '' ? node : undefined;
};

/** The keys of `keys` that lack text in either language (an empty list when all are there). */
export const untranslated = (keys: readonly string[]): string[] =>
  keys.filter((key) => webTranslation('en', key) === undefined || webTranslation('zh-CN', key) === undefined);
