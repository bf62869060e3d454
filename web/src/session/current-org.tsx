import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Membership, Role, Session } from '../api/types.ts';
import { readStored, STORAGE_KEYS, writeStored } from '../lib/storage.ts';

export type CurrentOrg = {
  session: Session;
  /** null only when the user belongs to no organisation yet. */
  membership: Membership | null;
  switchOrganisation: (organisationId: string) => void;
};

export type ActiveOrg = {
  session: Session;
  membership: Membership;
  orgId: string;
  role: Role;
  /** Owners and admins edit the organisation, its members, API keys and read the audit trail. */
  canManage: boolean;
};

const CurrentOrgContext = createContext<CurrentOrg | null>(null);

export const canManageRole = (role: Role): boolean => role === 'owner' || role === 'admin';

export const CurrentOrgProvider = ({ session, children }: { session: Session; children: ReactNode }) => {
  const [selectedId, setSelectedId] = useState<string | null>(() => readStored(STORAGE_KEYS.organisationId));

  // A remembered organisation the user no longer belongs to falls back to the first membership.
  const membership =
    session.memberships.find((item) => item.organisationId === selectedId) ?? session.memberships[0] ?? null;

  const switchOrganisation = useCallback((organisationId: string) => {
    writeStored(STORAGE_KEYS.organisationId, organisationId);
    setSelectedId(organisationId);
  }, []);

  const value = useMemo(
    () => ({ session, membership, switchOrganisation }),
    [session, membership, switchOrganisation],
  );
  return <CurrentOrgContext.Provider value={value}>{children}</CurrentOrgContext.Provider>;
};

/** Session and selected membership; for components that also render without any organisation. */
export const useCurrentOrg = (): CurrentOrg => {
  const value = useContext(CurrentOrgContext);
  if (!value) {
    throw new Error('useCurrentOrg must be used inside CurrentOrgProvider');
  }
  return value;
};

/** The selected organisation; the workspace renders its pages only when there is one. */
export const useActiveOrg = (): ActiveOrg => {
  const { session, membership } = useCurrentOrg();
  if (!membership) {
    throw new Error('useActiveOrg must be used on a page rendered with a selected organisation');
  }
  return {
    session,
    membership,
    orgId: membership.organisationId,
    role: membership.role,
    canManage: canManageRole(membership.role),
  };
};

/** Remembers an organisation as the one to open next, e.g. right after accepting an invitation. */
export const rememberOrganisation = (organisationId: string): void =>
  writeStored(STORAGE_KEYS.organisationId, organisationId);
