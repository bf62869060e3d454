// localStorage can be unavailable (disabled storage, some private modes) and then throws on access;
// remembered preferences are a convenience, so failures degrade to "not remembered".

export const readStored = (key: string): string | null => {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
};

export const writeStored = (key: string, value: string | null): void => {
  try {
    if (value === null) {
      globalThis.localStorage?.removeItem(key);
    } else {
      globalThis.localStorage?.setItem(key, value);
    }
  } catch {
    // Nothing to do: the preference just is not remembered.
  }
};

export const STORAGE_KEYS = {
  locale: 'tradehub.locale',
  organisationId: 'tradehub.organisationId',
  siderCollapsed: 'tradehub.siderCollapsed',
} as const;
