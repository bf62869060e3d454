import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import type {
  ApiKeyScope,
  AuditActorType,
  AuditOutcome,
  InvitationStatus,
  OrganisationKind,
  OrganisationSummary,
  Role,
} from '../api/types.ts';

/**
 * Translations of codes that arrive from the server (roles, kinds, error and audit codes). Each
 * family lives under one prefix; a code without a translation falls back to something readable
 * (the server's own text, or the raw code) instead of an i18next "missing key" string.
 */
export const useLabels = () => {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const has = (key: string): boolean => typeof i18n.getResource(language, 'translation', key) === 'string';
    const code = (prefix: string, value: string, fallback: string): string => {
      const key = `${prefix}.${value}`;
      return has(key) ? t(key) : fallback;
    };

    const errorMessage = (error: unknown): string => {
      if (isApiError(error)) {
        return code(
          'errors',
          error.code,
          error.problem.detail ?? error.problem.title ?? t('errors.unknown', { code: error.code }),
        );
      }
      return t('errors.unknown', { code: error instanceof Error ? error.name : 'Error' });
    };

    return {
      role: (role: Role) => code('role', role, role),
      kind: (kind: OrganisationKind) => code('organisationKind', kind, kind),
      outcome: (outcome: AuditOutcome) => code('auditOutcome', outcome, outcome),
      actorType: (type: AuditActorType) => code('auditActorType', type, type),
      action: (action: string) => code('auditAction', action, action),
      objectType: (type: string) => code('auditObjectType', type, type),
      invitationStatus: (status: InvitationStatus) => code('invitationStatus', status, status),
      scope: (scope: ApiKeyScope) => code('apiKeyScope', scope, scope),
      /** A field-level code (kernel.*) with the server's or validator's message as fallback. */
      fieldError: (errorCode: string, message: string) =>
        code('fieldErrors', errorCode, message || errorCode),
      /** A field name as the server reports it (`uscc`, `address.city`). */
      field: (field: string) => code('fields', field, field),
      errorMessage,
      /** The organisation's name in the UI language, falling back to the other one. */
      orgName: (org: Pick<OrganisationSummary, 'nameZh' | 'nameEn'>) =>
        language === 'zh-CN' ? org.nameZh || org.nameEn : org.nameEn || org.nameZh,
    };
  }, [t, i18n, language]);
};

export type Labels = ReturnType<typeof useLabels>;
