// The web app's own translation files, read at run time: a journey checks the strings the app is
// supposed to show, so rewording a label does not break the journeys, but a missing or wrong
// language does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cache = new Map();

const load = (repoRoot, locale) => {
  const file = join(repoRoot, 'web', 'src', 'i18n', `${locale}.json`);
  if (!cache.has(file)) {
    cache.set(file, JSON.parse(readFileSync(file, 'utf8')));
  }
  return cache.get(file);
};

/** A `t(key, values)` for one locale; unlike i18next it throws on a missing key. */
export const translator = (repoRoot, locale) => {
  const resources = load(repoRoot, locale);
  return (key, values = {}) => {
    const text = key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), resources);
    if (typeof text !== 'string') {
      throw new Error(`no ${locale} translation for "${key}"`);
    }
    return text.replace(/\{\{(\w+)\}\}/g, (_, name) => String(values[name] ?? ''));
  };
};

/** The menu entries and their i18n keys, in menu order (web/src/layout/navigation.tsx). */
export const NAV_ITEMS = [
  { testId: 'nav-overview', key: 'nav.overview', path: '/' },
  { testId: 'nav-profile', key: 'nav.profile', path: '/org/profile' },
  { testId: 'nav-members', key: 'nav.members', path: '/org/members' },
  { testId: 'nav-api-keys', key: 'nav.apiKeys', path: '/org/api-keys' },
  { testId: 'nav-audit', key: 'nav.audit', path: '/org/audit' },
];

// Ant Design puts a space between the two characters of a two-character Chinese button label
// ("登 录"), so button text is compared without whitespace.
export const squash = (text) => text.replace(/\s+/g, '');
