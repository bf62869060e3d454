import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus, DocumentType } from './document-types.ts';

// Subject keys are the document's own field names (camelCase); known ones are translated, others
// are spelled out from the name so a custom field still reads as words.
const humanise = (key: string): string => {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : key;
};

/** Translations of the documents module's codes, with readable fallbacks for unknown ones. */
export const useDocumentLabels = () => {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const has = (key: string): boolean => typeof i18n.getResource(language, 'translation', key) === 'string';
    const code = (prefix: string, value: string, fallback: string): string =>
      has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : fallback;
    return {
      type: (type: DocumentType | string) => code('documents.types', type, type),
      status: (status: DocumentStatus) => code('documents.statuses', status, status),
      unit: (unit: string) => code('documents.units', unit, unit),
      subjectField: (key: string) => code('documents.subjectFields', key, humanise(key)),
      /**
       * The documents module's own field error codes (`documents.number_not_integer`) are
       * translated under `errors.documents`; null for other codes, which the shared labels know.
       */
      moduleFieldError: (errorCode: string): string | null =>
        errorCode.startsWith('documents.') && has(`errors.${errorCode}`) ? t(`errors.${errorCode}`) : null,
    };
  }, [t, i18n, language]);
};

export type DocumentLabels = ReturnType<typeof useDocumentLabels>;
