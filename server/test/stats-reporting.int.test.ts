import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// Enterprise direct reporting over HTTP: the workflow from draft to accepted facts, every bad input
// of issue 8 (missing cells, negative amounts, a total that is not the sum, a month already
// accepted, a wrong format, an oversized upload), deadlines and the health board, and who may see what.

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let commerce: Party;
let otherCommerce: Party;
let exporter: Party;
let importer: Party;
let unregistered: Party;

type Json = Record<string, unknown>;
type FieldErrors = { field: string; code: string; message: string }[];
type Report = {
  id: string;
  status: string;
  version: number;
  values: Record<string, string>;
  errors: { cell: string; code: string }[];
  warnings: { cell: string; code: string }[];
  reviewComments: Record<string, string>;
  hadConfirmedWarnings: boolean;
  history: { kind: string }[];
  factsAdded?: number;
};

const call = async (party: Party, method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) => {
  const res = await ctx.hub.app.inject({
    method,
    url: `/api/orgs/${party.organisationId}/stats/${path}`,
    headers: { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, body: res.json<Json>(), type: res.headers['content-type'] ?? '' };
};
const reporting = (party: Party, method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
  call(party, method, `reporting${path}`, payload);

const upload = async (party: Party, report: Report, payload: string | Buffer, contentType: string) => {
  const res = await ctx.hub.app.inject({
    method: 'PUT',
    url: `/api/orgs/${party.organisationId}/stats/reporting/reports/${report.id}/upload?version=${report.version}`,
    headers: { cookie: party.cookie, 'content-type': contentType },
    payload,
  });
  return { status: res.statusCode, body: res.json<Json>(), type: res.headers['content-type'] ?? '' };
};

const ebops = ['SA', 'SB', 'SC', 'SD', 'SE', 'SF', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL'];
/** A complete, consistent monthly report: SI and SJ exports, an SC import. */
const monthlyValues = (si: bigint, sj = 500_00n, sc = 120_00n): Record<string, string> => {
  const values: Record<string, string> = { usdCnyRate: '7.1', deliveredDigitally: 'yes' };
  for (const category of ebops) {
    values[`rows.${category}.export`] = category === 'SI' ? String(si) : category === 'SJ' ? String(sj) : '0';
    values[`rows.${category}.import`] = category === 'SC' ? String(sc) : '0';
  }
  values['rows.total.export'] = String(si + sj);
  values['rows.total.import'] = String(sc);
  values['partners.1.country'] = 'US';
  values['partners.1.export'] = String(si);
  return values;
};

const open = async (party: Party, period: string, formCode = 'monthly_services') => {
  const answer = await reporting(party, 'POST', '/reports', { formCode, period, city: '330100' });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as unknown as Report;
};
const save = async (party: Party, report: Report, values: Record<string, string>) => {
  const answer = await reporting(party, 'PUT', `/reports/${report.id}/values`, {
    version: report.version,
    values,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as unknown as Report;
};
const submit = (party: Party, report: Report, confirmations: Record<string, string> = {}) =>
  reporting(party, 'POST', `/reports/${report.id}/submit`, { version: report.version, confirmations });
const ebopsExports = async (year: number) => {
  const answer = await call(
    commerce,
    'GET',
    `dashboard/breakdown?year=${year}&dimension=ebops&flow=export&digitalOnly=false`,
  );
  expect(answer.status).toBe(200);
  const items = answer.body.items as { key: string; usdMinor: string }[];
  return new Map(items.map((item) => [item.key, BigInt(item.usdMinor)]));
};

beforeAll(async () => {
  ctx = await createTestHub();
  commerce = await createParty(ctx.hub, 'ReportCommerce', { kind: 'regulator' });
  otherCommerce = await createParty(ctx.hub, 'ReportOtherCommerce', { kind: 'regulator' });
  exporter = await createParty(ctx.hub, 'ReportExporter', { kind: 'exporter' });
  importer = await createParty(ctx.hub, 'ReportImporter', { kind: 'importer' });
  unregistered = await createParty(ctx.hub, 'ReportLoner', { kind: 'exporter' });
  for (const party of [exporter, importer]) {
    const registered = await reporting(commerce, 'POST', '/enterprises', {
      organisationId: party.organisationId,
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('enterprise direct reporting', () => {
  it('serves versioned forms with a hash, and their templates as CSV and XLSX', async () => {
    const forms = await reporting(exporter, 'GET', '/forms');
    expect(forms.status).toBe(200);
    const items = forms.body.items as {
      code: string;
      version: number;
      hash: string;
      cells: { name: string }[];
    }[];
    expect(items.map((form) => [form.code, form.version])).toEqual([
      ['monthly_services', 1],
      ['annual_digital_survey', 1],
    ]);
    expect(items[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(items[0]?.cells.map((cell) => cell.name)).toContain('rows.SI.export');
    const csv = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${exporter.organisationId}/stats/reporting/template?form=monthly_services&format=csv&locale=zh`,
      headers: { cookie: exporter.cookie },
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe('\ufeffcell,label,value');
    expect(csv.body).toContain('rows.SI.export,SI 电信、计算机和信息服务：出口（美分）,');
    const xlsx = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${exporter.organisationId}/stats/reporting/template?form=annual_digital_survey&format=xlsx`,
      headers: { cookie: exporter.cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('report')?.getCell('A2').value).toBe('digitalTradeShare');
  });

  it('takes a report from an error through a return to accepted facts that the dashboard counts exactly', async () => {
    const before = await ebopsExports(2025);
    let report = await open(exporter, '2025-01');
    expect([report.status, report.version]).toEqual(['draft', 1]);

    // Missing cells, a negative amount and a total that is not the sum: stored as a draft, refused on submit.
    const faulty = monthlyValues(3_000_00n);
    delete faulty['rows.SL.import'];
    delete faulty['partners.1.export'];
    faulty['rows.SB.import'] = '-5';
    faulty['rows.total.export'] = '1';
    report = await save(exporter, report, faulty);
    expect(report.errors.map((issue) => `${issue.cell} ${issue.code}`).sort()).toEqual([
      'rows.SB.import stats.report_negative',
      'rows.SL.import stats.report_required',
      'rows.total.export stats.report_total_mismatch',
    ]);
    const refused = await submit(exporter, report);
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body.code).toBe('stats.report_invalid');
    expect((refused.body.errors as FieldErrors).map((e) => `${e.field} ${e.code}`).sort()).toEqual([
      'rows.SB.import stats.report_negative',
      'rows.SL.import stats.report_required',
      'rows.total.export stats.report_total_mismatch',
    ]);
    expect(
      ((await reporting(exporter, 'GET', `/reports/${report.id}`)).body as unknown as Report).status,
    ).toBe('draft');

    report = await save(exporter, report, monthlyValues(3_000_00n));
    expect(report.errors).toEqual([]);
    const sent = await submit(exporter, report);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    report = sent.body as unknown as Report;
    expect(report.status).toBe('submitted');

    // Drafts are the enterprise's; once sent, the department sees it in its queue and sends it back.
    const queue = await reporting(commerce, 'GET', '/review');
    expect((queue.body.items as { id: string }[]).map((item) => item.id)).toContain(report.id);
    const returned = await reporting(commerce, 'POST', `/review/${report.id}/return`, {
      version: report.version,
      comments: { 'rows.SJ.export': 'Check the consulting invoices of January.' },
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    report = (await reporting(exporter, 'GET', `/reports/${report.id}`)).body as unknown as Report;
    expect(report.status).toBe('returned');
    expect(report.reviewComments).toEqual({ 'rows.SJ.export': 'Check the consulting invoices of January.' });

    report = await save(exporter, report, monthlyValues(3_000_00n, 450_00n));
    report = (await submit(exporter, report)).body as unknown as Report;
    expect(report.status).toBe('submitted');
    const accepted = await reporting(commerce, 'POST', `/review/${report.id}/accept`, {
      version: report.version,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    // SI and SJ exports and the SC import: one fact per non-zero cell.
    expect((accepted.body as unknown as Report).factsAdded).toBe(3);
    expect((accepted.body as unknown as Report).history.map((event) => event.kind)).toEqual([
      'created',
      'saved',
      'saved',
      'submitted',
      'returned',
      'saved',
      'submitted',
      'accepted',
    ]);

    const after = await ebopsExports(2025);
    expect((after.get('SI') ?? 0n) - (before.get('SI') ?? 0n)).toBe(3_000_00n);
    expect((after.get('SJ') ?? 0n) - (before.get('SJ') ?? 0n)).toBe(450_00n);
    expect((after.get('SA') ?? 0n) - (before.get('SA') ?? 0n)).toBe(0n);

    // A month already accepted: neither a new report nor another submission.
    const again = await reporting(exporter, 'POST', '/reports', {
      formCode: 'monthly_services',
      period: '2025-01',
      city: '330100',
    });
    expect([again.status, again.body.code]).toEqual([409, 'stats.report_period_accepted']);
    const resubmitted = await submit(exporter, report);
    expect([resubmitted.status, resubmitted.body.code]).toEqual([409, 'stats.report_period_accepted']);
    const reaccepted = await reporting(commerce, 'POST', `/review/${report.id}/accept`, {
      version: (accepted.body as unknown as Report).version,
    });
    expect([reaccepted.status, reaccepted.body.code]).toEqual([409, 'stats.report_period_accepted']);
    expect(await ebopsExports(2025)).toEqual(after);
  });

  it('asks for a reason for a month-on-month jump, and marks the report improbable on the board', async () => {
    let report = await open(exporter, '2025-02');
    // SI ten times January's accepted 3,000.00: a warning, not an error.
    report = await save(exporter, report, monthlyValues(30_000_00n, 450_00n));
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((issue) => issue.cell)).toEqual(['rows.SI.export', 'rows.total.export']);
    const unconfirmed = await submit(exporter, report, { 'rows.SI.export': 'A new cloud contract.' });
    expect([unconfirmed.status, unconfirmed.body.code]).toEqual([422, 'stats.report_warnings_unconfirmed']);
    expect((unconfirmed.body.errors as FieldErrors).map((e) => `${e.field} ${e.code}`)).toEqual([
      'rows.total.export stats.report_jump',
    ]);
    const confirmed = await submit(exporter, report, {
      'rows.SI.export': 'A new cloud contract.',
      'rows.total.export': 'The same contract.',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect((confirmed.body as unknown as Report).hadConfirmedWarnings).toBe(true);

    // February is due on 15 March: the exporter sent it (late, today), the importer nothing.
    const before = await reporting(commerce, 'GET', '/health?asOf=2025-03-12');
    expect(before.status).toBe(200);
    const statusOf = (body: Json) =>
      Object.fromEntries(
        (body.items as { organisationId: string; status: string; improbable: boolean }[]).map((item) => [
          item.organisationId,
          `${item.status}${item.improbable ? ' improbable' : ''}`,
        ]),
      );
    expect(before.body).toMatchObject({ period: '2025-02', dueDate: '2025-03-15' });
    expect(statusOf(before.body)).toEqual({
      [exporter.organisationId]: 'late improbable',
      [importer.organisationId]: 'pending',
    });
    const after = await reporting(commerce, 'GET', '/health?asOf=2025-03-20');
    expect(statusOf(after.body)).toEqual({
      [exporter.organisationId]: 'late improbable',
      [importer.organisationId]: 'missing',
    });
    expect(after.body.summary).toEqual({
      onTime: 0,
      late: 1,
      missing: 1,
      returned: 0,
      pending: 0,
      improbable: 1,
    });

    const soon = await reporting(commerce, 'GET', '/reminders?asOf=2025-03-12');
    expect(soon.body.items).toEqual([
      expect.objectContaining({ organisationId: importer.organisationId, kind: 'due_soon', daysLeft: 3 }),
    ]);
    const overdue = await reporting(commerce, 'GET', '/reminders?asOf=2025-03-17');
    expect(overdue.body.items).toEqual([
      expect.objectContaining({ organisationId: importer.organisationId, kind: 'overdue', daysLeft: -2 }),
    ]);
    expect((await reporting(commerce, 'GET', '/reminders?asOf=2025-03-01')).body.items).toEqual([]);
  });

  it('reads a filled-in CSV or XLSX, and stores nothing of a file with a bad cell', async () => {
    let report = await open(importer, '2025-03');
    const bad = [
      'cell,label,value',
      'usdCnyRate,,seven',
      'rows.SI.export,,-3',
      'rows.XX.export,,1',
      'rows.SI.export,,4',
      '',
    ].join('\r\n');
    const refused = await upload(importer, report, bad, 'text/csv');
    expect(refused.status).toBe(400);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body.code).toBe('stats.report_upload_invalid');
    expect(
      (refused.body.errors as FieldErrors).map((e) => [e.field, e.code, e.message.split(':')[0]]),
    ).toEqual([
      ['usdCnyRate', 'stats.report_not_a_number', 'CSV, row 2, column C'],
      ['rows.SI.export', 'stats.report_negative', 'CSV, row 3, column C'],
      ['rows.XX.export', 'stats.report_unknown_cell', 'CSV, row 4, column A'],
      ['rows.SI.export', 'stats.report_duplicate_cell', 'CSV, row 5, column A'],
    ]);
    const unchanged = (await reporting(importer, 'GET', `/reports/${report.id}`)).body as unknown as Report;
    expect([unchanged.version, unchanged.values]).toEqual([report.version, {}]);

    // Wrong format: JSON or XML is not a file we read (415); a "spreadsheet" that is not one (400).
    const json = await ctx.hub.app.inject({
      method: 'PUT',
      url: `/api/orgs/${importer.organisationId}/stats/reporting/reports/${report.id}/upload?version=${report.version}`,
      headers: { cookie: importer.cookie },
      payload: { values: {} },
    });
    expect([json.statusCode, json.json<Json>().code]).toEqual([415, 'http.unsupported_media_type']);
    const xml = await upload(importer, report, '<report/>', 'application/xml');
    expect(xml.status).toBe(415);
    const fake = await upload(
      importer,
      report,
      Buffer.from('cell,value\n'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect([fake.status, (fake.body.errors as FieldErrors)[0]?.code]).toEqual([
      400,
      'stats.report_upload_unreadable',
    ]);
    const huge = await upload(importer, report, `cell,label,value\r\n${'x'.repeat(1024 * 1024)}`, 'text/csv');
    expect([huge.status, huge.body.code]).toEqual([413, 'http.payload_too_large']);
    expect(
      ((await reporting(importer, 'GET', `/reports/${report.id}`)).body as unknown as Report).version,
    ).toBe(report.version);

    // The template, filled in in a spreadsheet, is read back cell by cell.
    const template = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${importer.organisationId}/stats/reporting/template?form=monthly_services&format=xlsx`,
      headers: { cookie: importer.cookie },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('report');
    const values = monthlyValues(800_00n);
    sheet?.eachRow((row) => {
      const name = String(row.getCell(1).value);
      if (values[name] !== undefined) {
        // A number typed as a number, as most people do in a spreadsheet.
        row.getCell(3).value = /^\d+$/.test(values[name]) ? Number(values[name]) : values[name];
      }
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await upload(
      importer,
      report,
      filled,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    report = read.body as unknown as Report;
    expect(report.values).toEqual(values);
    expect(report.errors).toEqual([]);

    const csvRows = [
      'cell,label,value',
      ...Object.entries(values).map(([name, value]) => `${name},"a, label",${value}`),
    ];
    const again = await upload(importer, report, csvRows.join('\n'), 'text/csv; charset=utf-8');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((again.body as unknown as Report).values).toEqual(values);
  });

  it('answers random files with a problem, never a 500, and stores none of them', async () => {
    const report = await open(importer, '2025-05');
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        fc.constantFrom('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
        async (bytes, type) => {
          const answer = await upload(importer, report, Buffer.from(bytes), type);
          expect(answer.status === 200 || (answer.status >= 400 && answer.status < 500)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
    const after = (await reporting(importer, 'GET', `/reports/${report.id}`)).body as unknown as Report;
    // Only a file that happened to be an empty but well-formed grid could have been stored.
    expect(Object.keys(after.values)).toEqual([]);
  });

  it('checks the request: form, period, city, unknown cells, and stale versions', async () => {
    const bad = await reporting(exporter, 'POST', '/reports', {
      formCode: 'monthly_services',
      period: '2025-13',
      city: '110000',
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as FieldErrors).map((e) => `${e.field} ${e.code}`)).toEqual([
      'period stats.report_invalid_period',
      'city stats.report_unknown_city',
    ]);
    const future = await reporting(exporter, 'POST', '/reports', {
      formCode: 'annual_digital_survey',
      period: '2099',
      city: '330100',
    });
    expect((future.body.errors as FieldErrors).map((e) => e.code)).toEqual(['stats.report_future_period']);
    const survey = await open(exporter, '2024', 'annual_digital_survey');
    const unknown = await reporting(exporter, 'PUT', `/reports/${survey.id}/values`, {
      version: survey.version,
      values: { 'rows.SI.export': '1' },
    });
    expect([unknown.status, (unknown.body.errors as FieldErrors)[0]?.field]).toEqual([400, 'rows.SI.export']);
    const saved = await save(exporter, survey, { digitalTradeShare: '1.5', employees: '12' });
    expect(saved.errors.map((e) => `${e.cell} ${e.code}`)).toEqual([
      'digitalTradeShare stats.report_out_of_range',
      'rdSpend stats.report_required',
      'crossBorderPlatformUse stats.report_required',
      'dataExportGigabytes stats.report_required',
    ]);
    const stale = await reporting(exporter, 'PUT', `/reports/${survey.id}/values`, {
      version: 1,
      values: {},
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'stats.report_version_conflict']);
    const duplicate = await reporting(exporter, 'POST', '/reports', {
      formCode: 'annual_digital_survey',
      period: '2024',
      city: '330100',
    });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'stats.report_report_exists']);
    const loner = await reporting(unregistered, 'POST', '/reports', {
      formCode: 'monthly_services',
      period: '2025-01',
      city: '330100',
    });
    expect([loner.status, loner.body.code]).toEqual([409, 'stats.report_not_registered']);
  });

  it('keeps each party to its own side: enterprises to their reports, departments to those sent to them', async () => {
    const draft = await open(importer, '2025-04');
    // Another enterprise, and even the department, do not see a draft; another department sees nothing.
    expect((await reporting(exporter, 'GET', `/reports/${draft.id}`)).status).toBe(404);
    expect((await reporting(commerce, 'GET', `/review/${draft.id}`)).status).toBe(404);
    const stolen = await reporting(exporter, 'POST', `/reports/${draft.id}/submit`, {
      version: 1,
      confirmations: {},
    });
    expect(stolen.status).toBe(404);
    const sent = await save(importer, draft, monthlyValues(10_00n));
    expect((await submit(importer, sent)).status).toBe(200);
    expect((await reporting(otherCommerce, 'GET', `/review/${draft.id}`)).status).toBe(404);
    const foreignAccept = await reporting(otherCommerce, 'POST', `/review/${draft.id}/accept`, {
      version: 3,
    });
    expect(foreignAccept.status).toBe(404);
    expect((await reporting(otherCommerce, 'GET', '/review')).body.items).toEqual([]);
    // Enterprises do not review, departments do not report.
    const selfAccept = await reporting(importer, 'POST', `/review/${draft.id}/accept`, { version: 3 });
    expect([selfAccept.status, selfAccept.body.code]).toEqual([403, 'stats.report_regulators_only']);
    const departmentReport = await reporting(commerce, 'POST', '/reports', {
      formCode: 'monthly_services',
      period: '2025-01',
      city: '330100',
    });
    expect([departmentReport.status, departmentReport.body.code]).toEqual([
      403,
      'stats.report_enterprises_only',
    ]);
    const poach = await reporting(otherCommerce, 'POST', '/enterprises', {
      organisationId: importer.organisationId,
    });
    expect([poach.status, poach.body.code]).toEqual([409, 'stats.report_registered_elsewhere']);
    expect((await reporting(importer, 'GET', '/health')).status).toBe(403);
  });
});
