export {
  type AuditActorType,
  type AuditEntry,
  type AuditOutcome,
  type AuditRecord,
  appendAudit,
  type ListAuditOptions,
  listAudit,
} from './audit-trail.ts';
