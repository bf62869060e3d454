import { useTranslation } from 'react-i18next';
import { usePartners } from '../../api/orders.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useActiveOrg } from '../../session/current-org.tsx';

/**
 * Names of organisations by id in the UI language, from the partner directory (snapshots and
 * policies carry ids only); an id the directory does not list is shown as it is.
 */
export const useOrganisationNames = () => {
  const { orgId, membership } = useActiveOrg();
  const partners = usePartners(orgId, '');
  const { i18n } = useTranslation();
  const labels = useLabels();
  const byId = new Map((partners.data ?? []).map((p) => [p.organisationId, p]));
  return (id: string): string => {
    // The directory lists other organisations only; the caller's own comes from its membership.
    if (id === orgId) {
      return labels.orgName(membership.organisation);
    }
    const partner = byId.get(id);
    if (!partner) {
      return id;
    }
    return i18n.language === 'zh-CN' && partner.nameZh ? partner.nameZh : partner.name;
  };
};
