import { AppError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import { createPersonalDataVault } from '../../../platform/crypto/index.ts';
import type { CustomsDeps } from '../deps.ts';
import { parseCebMessage } from '../formats/ceb/index.ts';
import { consumeQuotaIn, releaseQuotaReservationIn } from '../quota/index.ts';
import { restoreRefusedStock } from './bonded-screening.ts';
import type { ParcelTax } from './clearance-rules.ts';
import { publishParcelReleased } from './parcel-released.ts';
import { headOf, RETURN_STATUS, receiptRecord, receiptXml, taxBillXml } from './receipts.ts';
import type { Viewer } from './views.ts';

/**
 * A customs officer's decision on a parcel sent to inspection: released (CEB622 800, the tax bill
 * CEB816, the buyer's quota consumed) or refused (CEB622 100, the quota reservation released and a
 * 1210 parcel's goods back in its bonded book).
 * The receipts go to the inventory list's sender; the timeline records who decided and why.
 */
export const decideInspection = async (
  deps: CustomsDeps,
  viewer: Viewer,
  parcelId: string,
  input: { outcome: 'release' | 'refuse'; note: string },
  audit: (ex: Parameters<Parameters<CustomsDeps['db']['transaction']>[0]>[0]) => Promise<void>,
) => {
  if (!viewer.isCustoms) {
    throw new AppError('customs.reveal_customs_only', 'Only a customs authority decides an inspection.');
  }
  const vault = createPersonalDataVault(deps.secretKey);
  const now = deps.now();
  const decided = await deps.db.transaction(async (trx) => {
    const parcel = (
      await sql<{
        state: string;
        order_no: string;
        invt_no: string;
        pre_no: string | null;
        tax: ParcelTax | null;
        inventory_message_id: string;
        xml_sealed: string;
        sender: string;
      }>`
        select p.state, p.order_no, p.invt_no, p.pre_no, p.tax, p.inventory_message_id, m.xml_sealed,
          m.organisation_id as sender
        from customs.parcels p join customs.messages m on m.id = p.inventory_message_id
        where p.id = ${parcelId} for update of p`.execute(trx)
    ).rows[0];
    if (parcel === undefined) {
      throw new AppError('customs.parcel_not_found', 'No such parcel.');
    }
    if (parcel.state !== 'inspection') {
      throw new AppError(
        'customs.not_under_inspection',
        `The parcel is ${parcel.state}, not under inspection.`,
        {
          details: { currentStatus: parcel.state },
        },
      );
    }
    const message = parseCebMessage(vault.decrypt(parcel.xml_sealed), { businessRules: false });
    const inventory =
      message.documents.find((doc) => headOf(doc).orderNo === parcel.order_no) ?? message.documents[0];
    const head = { ...headOf(inventory ?? {}), ...(parcel.pre_no === null ? {} : { preNo: parcel.pre_no }) };
    const released = input.outcome === 'release';
    const status = released ? RETURN_STATUS.released : RETURN_STATUS.rejected;
    const info = released
      ? `放行 Released after inspection: ${input.note}`
      : `退单 Refused after inspection: ${input.note}`;
    const follow = { inventoryRef: parcelId, organisationId: parcel.sender, at: now };
    const quotaDeps = { vault, now: deps.now };
    if (released) {
      await consumeQuotaIn(trx, quotaDeps, follow);
    } else {
      await releaseQuotaReservationIn(trx, quotaDeps, follow);
      // A 1210 parcel took its goods from the bonded book when it was admitted; refused goods stay
      // in the bonded warehouse, so the book gets them back.
      await restoreRefusedStock(trx, { parcelId, organisationId: parcel.sender, at: now });
    }
    const state = released ? 'released' : 'refused';
    await sql`update customs.parcels set state = ${state}, updated_at = ${now}, version = version + 1,
        refusal_code = ${released ? null : 'customs.refused_after_inspection'}
      where id = ${parcelId}`.execute(trx);
    await sql`
      insert into customs.parcel_events (parcel_id, seq, at, kind, state, message_id, detail)
      values (${parcelId}, (select coalesce(max(seq), 0) + 1 from customs.parcel_events where parcel_id = ${parcelId}),
        ${now}, ${released ? 'released' : 'refused'}, ${state}, null,
        ${JSON.stringify({ byOrganisationId: viewer.organisationId, afterInspection: true, note: input.note })})`.execute(
      trx,
    );
    if (released && parcel.tax !== null) {
      await publishParcelReleased(trx, {
        parcelId,
        declarantOrganisationId: parcel.sender,
        head,
        tax: parcel.tax,
        at: now,
        afterInspection: true,
      });
    }
    const receipts: { type: string; status: string; info: string; xml: string }[] = [
      {
        type: 'CEB622',
        status,
        info,
        xml: receiptXml('CEB622', [
          receiptRecord('CEB622', head, status, info, now, { invtNo: parcel.invt_no }),
        ]),
      },
    ];
    if (released && parcel.tax !== null && 'lines' in parcel.tax) {
      receipts.push({
        type: 'CEB816',
        status: '1',
        info: `Tax bill ${parcel.tax.total} CNY`,
        xml: taxBillXml(head, parcel.invt_no, parcel.tax, now),
      });
    }
    for (const receipt of receipts) {
      await sql`
        insert into customs.receipts (id, message_id, organisation_id, parcel_id, receipt_type, return_status,
          return_info, xml, created_at)
        values (${newId('rct')}, ${parcel.inventory_message_id}, ${parcel.sender}, ${parcelId}, ${receipt.type},
          ${receipt.status}, ${receipt.info}, ${receipt.xml}, ${now})`.execute(trx);
    }
    await audit(trx);
    return { state, receipts: receipts.map((r) => ({ receiptType: r.type, returnStatus: r.status })) };
  });
  // A release published customs.parcel.released: wake the dispatcher.
  deps.afterCommit();
  return decided;
};
