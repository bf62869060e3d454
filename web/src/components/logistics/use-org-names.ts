import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePartners } from '../../api/orders.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useActiveOrg } from '../../session/current-org.tsx';

/**
 * Organisation names by id: the partner directory plus the caller's own organisation (which the
 * directory leaves out). Shipments and warehouses carry ids only.
 */
export const useOrgNames = () => {
  const { orgId, membership } = useActiveOrg();
  const partners = usePartners(orgId, '');
  const common = useLabels();
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const ownName = common.orgName(membership.organisation);
  return useMemo(() => {
    const names = new Map(
      (partners.data ?? []).map((p) => [p.organisationId, zh && p.nameZh ? p.nameZh : p.name]),
    );
    names.set(orgId, ownName);
    return (id: string | null | undefined): string => (id ? (names.get(id) ?? id) : '–');
  }, [partners.data, orgId, ownName, zh]);
};
