import { AppError, type FieldError, isCountryCode, newId } from '@tradehub/kernel';
import type { ExpoDeps } from '../deps.ts';
import {
  findAlert,
  findAsset,
  findAssets,
  findIntakeOfAlert,
  findWatch,
  type IntakeRow,
  insertAlert,
  insertAssetEvent,
  insertIntake,
  insertWatch,
  listAlerts,
  listOwners,
  listWatches,
  setAlertStatus,
} from './repository-ip.ts';
import { heldAsset } from './service-assets.ts';
import {
  actorLabel,
  type IpContext,
  invalid,
  isJurisdiction,
  namesOf,
  notFound,
  presentAlert,
  presentAsset,
  presentWatch,
} from './service-common.ts';

export type WatchInput = { jurisdictions: string[]; keywords: string[] };
export type HitInput = {
  url: string;
  marketplace: string;
  country: string;
  evidenceSha256: string;
  observedAt: string;
};

// A monitoring service's clock may run a little ahead of ours; a hit further in the future is a mistake.
const CLOCK_SKEW_MS = 5 * 60_000;

export const createIpWatch = async (deps: ExpoDeps, ctx: IpContext, assetId: string, input: WatchInput) => {
  const problems: FieldError[] = [];
  input.jurisdictions.forEach((code, i) => {
    if (!isJurisdiction(code)) {
      problems.push({
        field: `jurisdictions.${i}`,
        code: 'expo.ip_jurisdiction',
        message: 'An ISO 3166-1 alpha-2 code, EP or WO',
      });
    }
  });
  if (problems.length > 0) {
    throw invalid(problems, 'The watch cannot be set: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    await heldAsset(trx, ctx.organisationId, assetId);
    const at = deps.now();
    const row = await insertWatch(trx, {
      id: newId('eiw'),
      organisation_id: ctx.organisationId,
      asset_id: assetId,
      jurisdictions: [...new Set(input.jurisdictions)],
      keywords: [...new Set(input.keywords.map((k) => k.trim()).filter((k) => k.length > 0))],
      status: 'active',
      created_at: at,
    });
    await insertAssetEvent(trx, {
      asset_id: assetId,
      organisation_id: ctx.organisationId,
      kind: 'watch_set',
      detail: { watchId: row.id },
      at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'ip_watch', id: row.id },
      detail: { assetId },
    });
    return presentWatch(row);
  });
};

export const listIpWatches = async (deps: ExpoDeps, organisationId: string) => {
  const ex = deps.db.kysely;
  const [watches, alerts] = await Promise.all([
    listWatches(ex, organisationId),
    listAlerts(ex, organisationId),
  ]);
  const assets = await findAssets(ex, [...new Set([...watches, ...alerts].map((r) => r.asset_id))]);
  return {
    watches: watches.map((w) => ({
      ...presentWatch(w),
      assetTitleZh: assets.find((a) => a.id === w.asset_id)?.title_zh ?? null,
      assetTitleEn: assets.find((a) => a.id === w.asset_id)?.title_en ?? null,
    })),
    alerts: alerts.map((a) =>
      presentAlert(
        a,
        assets.find((x) => x.id === a.asset_id),
      ),
    ),
  };
};

/**
 * A hit from a monitoring service (its API key of the owner's organisation) or the owner: it
 * becomes an alert. The same evidence at the same URL is one alert (`created` false on a repeat),
 * so a service retrying its report does not multiply them.
 */
export const reportIpWatchHit = async (deps: ExpoDeps, ctx: IpContext, watchId: string, input: HitInput) => {
  const problems: FieldError[] = [];
  if (!isCountryCode(input.country)) {
    problems.push({ field: 'country', code: 'expo.ip_territory', message: 'An ISO 3166-1 alpha-2 code' });
  }
  const observedAt = new Date(input.observedAt);
  if (Number.isNaN(observedAt.getTime())) {
    problems.push({ field: 'observedAt', code: 'expo.ip_date', message: 'An ISO 8601 date-time' });
  } else if (observedAt.getTime() > deps.now().getTime() + CLOCK_SKEW_MS) {
    problems.push({
      field: 'observedAt',
      code: 'expo.ip_observed_in_future',
      message: 'Observed in the future',
    });
  }
  if (problems.length > 0) {
    throw invalid(problems, 'The hit cannot be recorded: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    const watch = await findWatch(trx, ctx.organisationId, watchId);
    if (watch === undefined) {
      throw notFound('ip_watch', watchId);
    }
    const at = deps.now();
    const { alert, created } = await insertAlert(trx, {
      id: newId('eia'),
      organisation_id: ctx.organisationId,
      watch_id: watchId,
      asset_id: watch.asset_id,
      url: input.url,
      marketplace: input.marketplace,
      country: input.country,
      evidence_sha256: input.evidenceSha256,
      observed_at: observedAt,
      reported_by: actorLabel(ctx.actor),
      status: 'open',
      created_at: at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'ip_alert', id: alert.id },
      detail: { created },
    });
    const asset = await findAsset(trx, watch.asset_id);
    return { created, alert: presentAlert(alert, asset) };
  });
};

export const dismissIpAlert = async (deps: ExpoDeps, ctx: IpContext, alertId: string) =>
  deps.db.transaction(async (trx) => {
    const alert = await findAlert(trx, ctx.organisationId, alertId, true);
    if (alert === undefined) {
      throw notFound('ip_alert', alertId);
    }
    if (alert.status !== 'open') {
      throw new AppError('expo.ip_alert_closed', `${alertId} is ${alert.status}.`);
    }
    const updated = await setAlertStatus(trx, alertId, 'dismissed');
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'ip_alert', id: alertId } });
    return presentAlert(updated, await findAsset(trx, alert.asset_id));
  });

const presentIntake = (row: IntakeRow) => ({
  id: row.id,
  alertId: row.alert_id,
  assetId: row.asset_id,
  status: row.status,
  caseFile: row.case_file,
  createdAt: row.created_at.toISOString(),
});

/**
 * Records everything a dispute needs (claimant, respondent as far as known, the asset and its
 * owners of record, the evidence) for the disputes module of issue 10, which does not exist yet
 * and will take these intakes over. No dispute is opened here, and the answer says so.
 */
export const openIpDisputeIntake = async (
  deps: ExpoDeps,
  ctx: IpContext,
  alertId: string,
  input: { respondentName?: string | undefined; claimZh?: string | undefined; claimEn?: string | undefined },
) => {
  // The case file's names come from the directory, read before the transaction (not inside it).
  const seen = await findAlert(deps.db.kysely, ctx.organisationId, alertId);
  if (seen === undefined) {
    throw notFound('ip_alert', alertId);
  }
  const seenAsset = await findAsset(deps.db.kysely, seen.asset_id);
  const seenOwners = await listOwners(deps.db.kysely, [seen.asset_id]);
  const names = await namesOf(deps, [
    ctx.organisationId,
    seenAsset?.organisation_id ?? null,
    ...seenOwners.map((o) => o.owner_organisation_id),
  ]);
  return deps.db.transaction(async (trx) => {
    const alert = await findAlert(trx, ctx.organisationId, alertId, true);
    if (alert === undefined) {
      throw notFound('ip_alert', alertId);
    }
    if (alert.status === 'dispute_intake') {
      const existing = await findIntakeOfAlert(trx, ctx.organisationId, alertId);
      if (existing !== undefined) {
        return { created: false, intake: presentIntake(existing) };
      }
    }
    if (alert.status === 'dismissed') {
      throw new AppError('expo.ip_alert_closed', `${alertId} was dismissed.`);
    }
    const asset = await findAsset(trx, alert.asset_id);
    if (asset === undefined) {
      throw new Error(`alert ${alertId} names a missing asset`);
    }
    const owners = await listOwners(trx, [asset.id]);
    const presented = presentAsset(asset, owners, names, ctx.organisationId);
    const at = deps.now();
    const row = await insertIntake(trx, {
      id: newId('eid'),
      organisation_id: ctx.organisationId,
      alert_id: alertId,
      asset_id: asset.id,
      status: 'awaiting_disputes_module',
      created_at: at,
      case_file: {
        kind: 'ip_infringement',
        claimant: presented.holder,
        respondent: {
          name: input.respondentName ?? null,
          marketplace: alert.marketplace,
          url: alert.url,
          country: alert.country,
        },
        asset: {
          id: asset.id,
          kind: asset.kind,
          titleZh: asset.title_zh,
          titleEn: asset.title_en,
          registryNumber: asset.registry_number_canonical,
          jurisdiction: asset.jurisdiction,
          status: asset.status,
          owners: presented.owners.map((o) => ({ organisationId: o.organisationId, name: o.name })),
        },
        evidence: [
          {
            sha256: alert.evidence_sha256,
            url: alert.url,
            observedAt: alert.observed_at.toISOString(),
            reportedBy: alert.reported_by,
          },
        ],
        claimZh: input.claimZh ?? '',
        claimEn: input.claimEn ?? '',
        // Said in the record itself, so whoever reads it later knows no case exists yet.
        note: 'Dispute intake only: the disputes module (issue 10) does not exist yet; no dispute has been opened.',
      },
    });
    await setAlertStatus(trx, alertId, 'dispute_intake');
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'ip_dispute_intake', id: row.id },
      detail: { alertId },
    });
    return { created: true, intake: presentIntake(row) };
  });
};
