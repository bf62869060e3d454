import { createHash, randomUUID } from 'node:crypto';
import { AppError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import { demoCebSigner } from '../demo/demo-signer.ts';
import type { CustomsDeps } from '../deps.ts';
import {
  consolidate,
  type ReleasedList,
  type SummaryGroup,
  type SummaryLine,
} from '../domain/export-matching/index.ts';
import { buildCebMessage } from '../formats/ceb/index.ts';
import { type CebSigner, signCebMessage } from '../formats/xmldsig/index.ts';
import { receiptTime } from './receipts.ts';

// CEB701 summary applications (汇总申报) of an exporter's released 9610 lists for one month, and the
// sandbox's CEB792 results. Idempotent: a list is in at most one summary (its summary_id), and
// building a month again adds only lists released since. The lists are locked while summarised,
// so two builds at once cannot take the same list.

export type ExportSummaryView = {
  id: string;
  period: string;
  copNo: string;
  sumNo: string;
  entryId: string;
  ebcCode: string;
  customsCode: string;
  key: SummaryGroup['key'];
  listCount: number;
  items: SummaryGroup['items'];
  totals: Record<string, string>;
  createdAt: string;
};

/** A summary just built, with its CEB701 (signed) and CEB792 XML. */
export type BuiltSummary = ExportSummaryView & { applyXml: string; resultXml: string };

type ListRow = {
  id: string;
  invt_no: string;
  logistics_no: string;
  ebc_code: string;
  ebc_name: string | null;
  owner_code: string | null;
  agent_code: string | null;
  agent_name: string | null;
  customs_code: string;
  trade_mode: string;
  traf_mode: string | null;
  country: string | null;
  port_code: string | null;
  statistics_flag: string | null;
  gross_weight: string | null;
  net_weight: string | null;
  lines: SummaryLine[];
};

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The UTC bounds of a calendar month in China time (UTC+8, no daylight saving). */
export const periodBounds = (period: string): { from: Date; to: Date } => {
  const match = PERIOD.exec(period);
  if (match === null) {
    throw new AppError('http.validation_failed', 'The month is YYYY-MM.', {
      fieldErrors: [{ field: 'month', code: 'customs.export_period', message: 'a month as YYYY-MM' }],
    });
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const offset = 8 * 60 * 60 * 1000;
  return {
    from: new Date(Date.UTC(year, month - 1, 1) - offset),
    to: new Date(Date.UTC(year, month, 1) - offset),
  };
};

const compact = (at: Date): string => receiptTime(at).slice(0, 14);

/**
 * Builds the CEB701 summaries of `organisationId`'s released, unsummarised 9610 lists released in
 * `period` (YYYY-MM, China time), and the sandbox's CEB792 for each. Answers the new summaries.
 */
export const buildExportSummaries = async (
  deps: CustomsDeps,
  organisationId: string,
  period: string,
  /** Audits the build in its transaction (the HTTP route and the CLI each say who built it). */
  audit: (trx: Executor, created: readonly ExportSummaryView[]) => Promise<void>,
  signer: CebSigner = demoCebSigner(),
): Promise<BuiltSummary[]> => {
  const { from, to } = periodBounds(period);
  const now = deps.now();
  // Signing runs inside the transaction: the lists stay locked until their summary is stored.
  return deps.db.transaction(async (trx) => {
    const rows = (
      await sql<ListRow>`
        select p.id, p.invt_no, p.logistics_no, p.ebc_code, p.ebc_name, p.owner_code, p.agent_code, p.agent_name,
          p.customs_code, p.trade_mode, p.traf_mode, p.country, p.port_code, p.statistics_flag,
          p.gross_weight::text as gross_weight, p.net_weight::text as net_weight, p.lines
        from customs.export_parcels p
        join customs.messages m on m.id = p.inventory_message_id
        where p.state = 'released' and p.summary_id is null and p.trade_mode = '9610'
          and m.organisation_id = ${organisationId}
          and p.released_at >= ${from} and p.released_at < ${to}
        order by p.invt_no
        for update of p`.execute(trx)
    ).rows;
    if (rows.length === 0) {
      await audit(trx, []);
      return [];
    }
    const byInvtNo = new Map(rows.map((row) => [row.invt_no, row]));
    const lists: ReleasedList[] = rows.map((row) => ({
      invtNo: row.invt_no,
      logisticsNo: row.logistics_no,
      ebcCode: row.ebc_code,
      ownerCode: row.owner_code ?? row.ebc_code,
      customsCode: row.customs_code,
      tradeMode: row.trade_mode,
      trafMode: row.traf_mode ?? '',
      country: row.country ?? '',
      portCode: row.port_code ?? '',
      statisticsFlag: row.statistics_flag ?? 'B',
      grossWeight: row.gross_weight ?? '0',
      netWeight: row.net_weight ?? '0',
      lines: row.lines,
    }));
    const created: BuiltSummary[] = [];
    for (const group of consolidate(lists, { summaryFlag: '1', itemNameFlag: '0' })) {
      const first = byInvtNo.get(group.chunks[0]?.[0]?.invtNo ?? '') as ListRow;
      const serial = (
        await sql<{ n: string }>`select nextval('customs.export_summary_serial')::text as n`.execute(trx)
      ).rows[0]?.n as string;
      const year = period.slice(0, 4);
      const customsCode = group.key.customsCode.padStart(4, '0').slice(0, 4);
      const copNo = `S${period.replace('-', '')}${serial.padStart(9, '0')}`;
      const sumNo = `${customsCode}${year}H${serial.padStart(9, '0')}`;
      // Declaration numbers: customs area + year + 0 (export) + serial; the I/E digit is unverified.
      const entryId = `${customsCode}${year}0${serial.padStart(9, '0')}`;
      const declSeqNo = `${customsCode}${year}D${serial.padStart(9, '0')}`;
      const agent = { code: first.agent_code ?? first.ebc_code, name: first.agent_name ?? first.ebc_code };
      const ebcName = first.ebc_name ?? first.ebc_code;
      const applyXml = await signCebMessage(
        buildCebMessage('CEB701', {
          guid: randomUUID().toUpperCase(),
          documents: group.chunks.map((chunk, index) => ({
            SummaryApplyHead: {
              guid: randomUUID().toUpperCase(),
              appType: '1',
              appTime: compact(now),
              appStatus: '2',
              customsCode,
              copNo,
              agentCode: agent.code,
              agentName: agent.name,
              ebcCode: group.key.ebcCode,
              ebcName,
              declAgentCode: agent.code,
              declAgentName: agent.name,
              startTime: compact(from),
              endTime: compact(new Date(to.getTime() - 1000)),
              summaryFlag: '1',
              itemNameFlag: '0',
              msgCount: String(group.chunks.length),
              msgSeqNo: String(index + 1),
            },
            SummaryApplyList: chunk.map((list) => ({ invtNo: list.invtNo })),
          })),
          baseTransfer: {
            copCode: agent.code,
            copName: agent.name,
            dxpMode: 'DXP',
            dxpId: 'DXPENT0000000000',
          },
        }),
        signer,
      );
      const resultXml = buildCebMessage('CEB792', {
        guid: randomUUID().toUpperCase(),
        documents: group.chunks.map((chunk, index) => {
          // The document's own weights: the chunk's lists summed as one group.
          const part = consolidate(chunk, { summaryFlag: '1', itemNameFlag: '0' })[0] as SummaryGroup;
          return {
            SummaryResultHead: {
              guid: randomUUID().toUpperCase(),
              customsCode,
              sumNo,
              opDate: receiptTime(now),
              declSeqNo,
              entryId,
              // The decState code list is not in the reference: "1" stands for "declared" (unverified).
              decState: '1',
              agentCode: agent.code,
              agentName: agent.name,
              ebcCode: group.key.ebcCode,
              ebcName,
              declAgentCode: agent.code,
              declAgentName: agent.name,
              grossWeight: part.grossWeight,
              netWeight: part.netWeight,
              msgCount: String(group.chunks.length),
              msgSeqNo: String(index + 1),
            },
            SummaryResultList: chunk.flatMap((list) =>
              list.lines.map((line) => ({
                invtNo: list.invtNo,
                logisticsNo: list.logisticsNo,
                gnum: String(line.gnum),
                gcode: line.gcode,
              })),
            ),
          };
        }),
      });
      const id = newId('xsm');
      const listCount = group.chunks.reduce((n, chunk) => n + chunk.length, 0);
      await sql`insert into customs.export_summaries (id, organisation_id, period, cop_no, ebc_code, customs_code,
          group_key, sum_no, entry_id, list_count, items, totals, apply_xml, apply_sha256, result_xml, created_at)
        values (${id}, ${organisationId}, ${period}, ${copNo}, ${group.key.ebcCode}, ${customsCode},
          ${JSON.stringify(group.key)}::jsonb, ${sumNo}, ${entryId}, ${listCount}, ${JSON.stringify(group.items)}::jsonb,
          ${JSON.stringify(group.totals)}::jsonb, ${applyXml}, ${createHash('sha256').update(applyXml, 'utf8').digest()},
          ${resultXml}, ${now})`.execute(trx);
      const ids = group.chunks.flat().map((list) => (byInvtNo.get(list.invtNo) as ListRow).id);
      await sql`update customs.export_parcels set summary_id = ${id}, updated_at = ${now}, version = version + 1
        where id in (${sql.join(ids)})`.execute(trx);
      await sql`
        insert into customs.export_parcel_events (parcel_id, seq, at, kind, state, message_id, detail)
        select p.id, (select coalesce(max(seq), 0) + 1 from customs.export_parcel_events e where e.parcel_id = p.id),
          ${now}, 'summarised', p.state, null, ${JSON.stringify({ sumNo, entryId })}::jsonb
        from customs.export_parcels p where p.id in (${sql.join(ids)})`.execute(trx);
      created.push({
        id,
        period,
        copNo,
        sumNo,
        entryId,
        ebcCode: group.key.ebcCode,
        customsCode,
        key: group.key,
        listCount,
        items: group.items,
        totals: group.totals,
        createdAt: now.toISOString(),
        applyXml,
        resultXml,
      });
    }
    await audit(trx, created);
    return created;
  });
};

type SummaryRow = {
  id: string;
  period: string;
  cop_no: string;
  sum_no: string;
  entry_id: string;
  ebc_code: string;
  customs_code: string;
  group_key: SummaryGroup['key'];
  list_count: number;
  items: SummaryGroup['items'];
  totals: Record<string, string>;
  created_at: Date;
};

const viewOf = (row: SummaryRow): ExportSummaryView => ({
  id: row.id,
  period: row.period,
  copNo: row.cop_no,
  sumNo: row.sum_no,
  entryId: row.entry_id,
  ebcCode: row.ebc_code,
  customsCode: row.customs_code,
  key: row.group_key,
  listCount: row.list_count,
  items: row.items,
  totals: row.totals,
  createdAt: new Date(row.created_at).toISOString(),
});

/** The summaries the viewer may see (its own; customs: all), newest first. */
export const listExportSummaries = async (
  ex: Executor,
  viewer: { organisationId: string; isCustoms: boolean },
  period: string | undefined,
): Promise<ExportSummaryView[]> =>
  (
    await sql<SummaryRow>`select id, period, cop_no, sum_no, entry_id, ebc_code, customs_code, group_key, list_count,
        items, totals, created_at
      from customs.export_summaries
      where (${viewer.isCustoms} or organisation_id = ${viewer.organisationId})
        and (${period ?? null}::text is null or period = ${period ?? null})
      order by created_at desc, id desc limit 200`.execute(ex)
  ).rows.map(viewOf);

/** The CEB701 (apply) or CEB792 (result) XML of a summary the viewer may see. */
export const exportSummaryXml = async (
  ex: Executor,
  viewer: { organisationId: string; isCustoms: boolean },
  summaryId: string,
  kind: 'apply' | 'result',
): Promise<{ xml: string; fileName: string }> => {
  const row = (
    await sql<{ apply_xml: string; result_xml: string; cop_no: string }>`
      select apply_xml, result_xml, cop_no from customs.export_summaries
      where id = ${summaryId} and (${viewer.isCustoms} or organisation_id = ${viewer.organisationId})`.execute(
      ex,
    )
  ).rows[0];
  if (row === undefined) {
    throw new AppError('customs.export_summary_not_found', 'No such summary.');
  }
  return kind === 'apply'
    ? { xml: row.apply_xml, fileName: `CEB701-${row.cop_no}.xml` }
    : { xml: row.result_xml, fileName: `CEB792-${row.cop_no}.xml` };
};
