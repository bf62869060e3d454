import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The policy-measure tracker over HTTP (docs/policy-measures.md): the office sets up the programme
// and names the agencies, plans tasks and milestones; the lead agency plans its measure; the owning
// agency moves its task and reports on it; the board shows what is overdue. Every bad input of the
// spec, and who may do what: an enterprise gets 403 everywhere, one agency never reports on another's task.

let ctx: Awaited<ReturnType<typeof createTestHub>>;
let commerce: Party; // the joint-meeting office, standing for zj-commerce
let customs: Party; // hangzhou-customs (a customs authority)
let tax: Party; // zj-tax
let port: Party; // zj-port-office, the lead of measure 18
let loner: Party; // a regulator in no programme
let otherOffice: Party; // a city's commerce bureau running a programme of its own
let exporter: Party;

type Json = Record<string, unknown>;
type FieldErrors = { field: string; code: string }[];
type Task = {
  id: string;
  version: number;
  status: string;
  overdue: boolean;
  progress: number;
  warnings?: string[];
  nextStatuses: string[];
  alerts: { kind: string }[];
  milestones: { id: string; overdue: boolean; doneAt: string | null }[];
  reports: { period: string; percent: number; agencyCode: string; attachments: unknown[] }[];
};

const base = (party: Party) => `/api/orgs/${party.organisationId}/stats/policy-measures`;
const call = async (party: Party, method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object) => {
  const res = await ctx.hub.app.inject({
    method,
    url: `${base(party)}${path}`,
    headers: { cookie: party.cookie },
    ...(payload === undefined ? {} : { payload }),
  });
  return { status: res.statusCode, body: res.json<Json>(), type: res.headers['content-type'] ?? '' };
};
const fieldCodes = (body: Json) => ((body.errors ?? []) as FieldErrors).map((e) => [e.field, e.code]);

const thisYear = new Date().getUTCFullYear();
const future = `${thisYear + 2}-06-30`;
const quarterNow = () => {
  const now = new Date(Date.now() + 8 * 3_600_000);
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
};

const createTask = async (party: Party, measure: number, body: object) => {
  const answer = await call(party, 'POST', `/measures/${measure}/tasks`, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as unknown as Task;
};

beforeAll(async () => {
  ctx = await createTestHub();
  commerce = await createParty(ctx.hub, 'PolicyCommerce', { kind: 'regulator' });
  customs = await createParty(ctx.hub, 'PolicyCustoms', { kind: 'customs_authority' });
  tax = await createParty(ctx.hub, 'PolicyTax', { kind: 'regulator' });
  port = await createParty(ctx.hub, 'PolicyPort', { kind: 'regulator' });
  loner = await createParty(ctx.hub, 'PolicyLoner', { kind: 'regulator' });
  otherOffice = await createParty(ctx.hub, 'PolicyCity', { kind: 'regulator' });
  exporter = await createParty(ctx.hub, 'PolicyExporter', { kind: 'exporter' });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
});

describe('the policy-measure tracker', () => {
  it('lists the 24 measures to any regulator, with the lead agency first, before any programme', async () => {
    const list = await call(loner, 'GET', '');
    expect(list.status).toBe(200);
    const items = list.body.items as {
      number: number;
      lead: { code: string } | null;
      coAgencies: { code: string }[];
      progress: number | null;
    }[];
    expect(items.map((m) => m.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(items[3]?.lead?.code).toBe('zj-commerce');
    expect(items[3]?.coAgencies.map((a) => a.code)).toContain('hangzhou-customs');
    expect(items[14]?.lead?.code).toBe('zj-financial-regulation');
    expect(items[0]?.lead).toBeNull();
    expect(items.every((m) => m.progress === null)).toBe(true);
    expect(list.body.programme).toBeNull();
    // No programme: nothing to plan in.
    const refused = await call(loner, 'POST', '/measures/4/tasks', {
      titleZh: '任务',
      ownerAgency: 'zj-commerce',
      dueDate: future,
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'stats.policy_no_programme']);
  });

  it('lets the office set up its programme once and name regulators for agencies', async () => {
    const created = await call(commerce, 'POST', '/programme', {});
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ officeOrganisationId: commerce.organisationId, isOffice: true });
    expect((await call(commerce, 'POST', '/programme', {})).body.code).toBe('stats.policy_programme_exists');
    expect((await call(otherOffice, 'POST', '/programme', {})).status).toBe(201);

    for (const [code, party] of [
      ['zj-commerce', commerce],
      ['hangzhou-customs', customs],
      ['zj-tax', tax],
      ['zj-port-office', port],
    ] as const) {
      const mapped = await call(commerce, 'PATCH', `/agencies/${code}`, {
        organisationId: party.organisationId,
      });
      expect(mapped.status, JSON.stringify(mapped.body)).toBe(200);
      expect(mapped.body).toMatchObject({ code, organisationId: party.organisationId });
    }
    // Only a regulator stands for an agency; a group of bodies is no one organisation.
    const enterprise = await call(commerce, 'PATCH', '/agencies/zj-ccpit', {
      organisationId: exporter.organisationId,
    });
    expect([enterprise.status, fieldCodes(enterprise.body)]).toEqual([
      400,
      [['organisationId', 'stats.policy_not_a_regulator']],
    ]);
    const group = await call(commerce, 'PATCH', '/agencies/cities-concerned', {
      organisationId: loner.organisationId,
    });
    expect(fieldCodes(group.body)).toEqual([['organisationId', 'stats.policy_collective_agency']]);
    const unknown = await call(commerce, 'PATCH', '/agencies/zj-ccpit', { organisationId: 'org_nobody' });
    expect(fieldCodes(unknown.body)).toEqual([['organisationId', 'stats.policy_unknown_organisation']]);
    expect((await call(commerce, 'PATCH', '/agencies/no-such-agency', { organisationId: null })).status).toBe(
      404,
    );
    // An agency does not name agencies.
    const byAgency = await call(customs, 'PATCH', '/agencies/ningbo-customs', {
      organisationId: customs.organisationId,
    });
    expect([byAgency.status, byAgency.body.code]).toEqual([403, 'stats.policy_office_only']);

    const agencies = await call(customs, 'GET', '/agencies');
    expect(agencies.body.programme).toMatchObject({ isOffice: false, agencyCodes: ['hangzhou-customs'] });
    const items = agencies.body.items as { code: string; organisationId: string | null; leads: number[] }[];
    expect(items.find((a) => a.code === 'hangzhou-customs')?.organisationId).toBe(customs.organisationId);
    expect(items.find((a) => a.code === 'zj-port-office')?.leads).toEqual([18]);
  });

  it('plans tasks with milestones, flags a past due date, and refuses every bad field', async () => {
    const task = await createTask(commerce, 4, {
      titleZh: '跨境电商 B2B 出口监管流程数字化',
      titleEn: 'Digitise the B2B export clearance flow',
      ownerAgency: 'hangzhou-customs',
      dueDate: future,
      milestones: [{ titleEn: 'Pilot with 3 enterprises', dueDate: `${thisYear + 1}-03-31` }],
    });
    expect(task).toMatchObject({ status: 'planned', overdue: false, warnings: [], progress: 0 });
    expect(task.milestones).toHaveLength(1);

    const late = await createTask(commerce, 4, {
      titleEn: 'Catch-up task recorded late',
      ownerAgency: 'zj-tax',
      dueDate: '2020-01-31',
    });
    expect(late.warnings).toEqual(['stats.policy_due_date_past']);
    expect(late.overdue).toBe(true);
    expect(late.alerts.map((a) => a.kind)).toContain('task_overdue');

    const bad = async (body: object, expected: string[][], measure = 4) => {
      const answer = await call(commerce, 'POST', `/measures/${measure}/tasks`, body);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.type).toContain('application/problem+json');
      expect(fieldCodes(answer.body)).toEqual(expected);
    };
    await bad({ ownerAgency: 'zj-commerce', dueDate: future }, [['titleZh', 'stats.policy_title_required']]);
    await bad({ titleZh: '  ', ownerAgency: 'zj-commerce', dueDate: future }, [
      ['titleZh', 'stats.policy_title_required'],
    ]);
    await bad({ titleZh: 'x', ownerAgency: 'nobody', dueDate: future }, [
      ['ownerAgency', 'stats.policy_unknown_agency'],
    ]);
    await bad({ titleZh: 'x', ownerAgency: 'zj-education', dueDate: future }, [
      ['ownerAgency', 'stats.policy_agency_not_on_measure'],
    ]);
    await bad({ titleZh: 'x', ownerAgency: 'zj-commerce', dueDate: '2026-02-30' }, [
      ['dueDate', 'stats.policy_invalid_date'],
    ]);
    await bad(
      { titleZh: 'x', ownerAgency: 'zj-commerce', dueDate: future, milestones: [{ dueDate: '2026-13-01' }] },
      [
        ['milestones.0.titleZh', 'stats.policy_title_required'],
        ['milestones.0.dueDate', 'stats.policy_invalid_date'],
      ],
    );
    const malformed = await call(commerce, 'POST', '/measures/4/tasks', {
      titleZh: 'x',
      ownerAgency: 'zj-commerce',
      dueDate: 'tomorrow',
    });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'http.validation_failed']);
    expect(fieldCodes(malformed.body).map(([field]) => field)).toEqual(['dueDate']);
    expect(
      (
        await call(commerce, 'POST', '/measures/25/tasks', {
          titleZh: 'x',
          ownerAgency: 'zj-commerce',
          dueDate: future,
        })
      ).status,
    ).toBe(404);
    // Nothing half-written: measure 4 holds the two good tasks only.
    const measure = await call(commerce, 'GET', '/measures/4');
    expect((measure.body.tasks as Task[]).map((t) => t.id)).toEqual([late.id, task.id]);
  });

  it('lets a lead agency plan its own measure only', async () => {
    const task = await createTask(port, 18, {
      titleZh: '单证智能采集与自动翻译上线',
      ownerAgency: 'hangzhou-customs',
      dueDate: future,
    });
    expect(task.status).toBe('planned');
    const elsewhere = await call(port, 'POST', '/measures/4/tasks', {
      titleZh: 'x',
      ownerAgency: 'zj-commerce',
      dueDate: future,
    });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([403, 'stats.policy_not_lead']);
    const coAgency = await call(customs, 'POST', '/measures/4/tasks', {
      titleZh: 'x',
      ownerAgency: 'hangzhou-customs',
      dueDate: future,
    });
    expect([coAgency.status, coAgency.body.code]).toEqual([403, 'stats.policy_not_lead']);
    const measure = await call(customs, 'GET', '/measures/18');
    expect(measure.body.canPlan).toBe(false);
    expect((await call(port, 'GET', '/measures/18')).body.canPlan).toBe(true);
  });

  it('moves a task through its states, refusing illegal moves, stale versions and edits by the owner', async () => {
    let task = await createTask(commerce, 10, {
      titleEn: 'Refine the 9810 operating rules',
      ownerAgency: 'hangzhou-customs',
      dueDate: future,
    });
    const patch = (party: Party, body: object) => call(party, 'PATCH', `/tasks/${task.id}`, body);
    const started = await patch(customs, { version: task.version, status: 'in_progress' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    task = started.body as unknown as Task;
    expect(task.nextStatuses).toEqual(['done', 'blocked']);

    const back = await patch(customs, { version: task.version, status: 'planned' });
    expect([back.status, back.body.code]).toEqual([409, 'stats.policy_illegal_transition']);
    const stale = await patch(commerce, { version: task.version - 1, status: 'blocked' });
    expect([stale.status, stale.body.code]).toEqual([409, 'stats.policy_version_conflict']);
    const ownerEdits = await patch(customs, { version: task.version, dueDate: `${thisYear + 3}-01-01` });
    expect([ownerEdits.status, ownerEdits.body.code]).toEqual([403, 'stats.policy_not_lead']);
    const otherAgency = await patch(tax, { version: task.version, status: 'blocked' });
    expect([otherAgency.status, otherAgency.body.code]).toEqual([403, 'stats.policy_not_lead']);
    const nothing = await patch(commerce, { version: task.version });
    expect(fieldCodes(nothing.body)).toEqual([['status', 'stats.policy_nothing_to_change']]);
    const unknownStatus = await patch(commerce, { version: task.version, status: 'cancelled' });
    expect(unknownStatus.status).toBe(400);

    const done = await patch(customs, { version: task.version, status: 'done' });
    expect(done.status).toBe(200);
    task = done.body as unknown as Task;
    expect(task).toMatchObject({ status: 'done', progress: 100, nextStatuses: [] });
    const afterDone = await patch(commerce, { version: task.version, titleEn: 'Renamed' });
    expect([afterDone.status, afterDone.body.code]).toEqual([409, 'stats.policy_task_done']);

    const measure = await call(commerce, 'GET', '/measures/10');
    const history = (measure.body.tasks as { history: { kind: string; toStatus: string | null }[] }[])[0]
      ?.history;
    expect(history?.map((e) => [e.kind, e.toStatus])).toEqual([
      ['created', 'planned'],
      ['status_changed', 'in_progress'],
      ['status_changed', 'done'],
    ]);
    // Each change left its outbox event in the same transaction, for a notifier to pick up.
    const { rows } = await sql<{ topic: string; to: string | null }>`select topic, payload->>'to' as to
      from events.outbox where payload->>'taskId' = ${task.id} order by seq`.execute(ctx.hub.db.kysely);
    expect(rows.map((row) => [row.topic, row.to])).toEqual([
      ['stats.policy_task.created', 'planned'],
      ['stats.policy_task.status_changed', 'in_progress'],
      ['stats.policy_task.status_changed', 'done'],
    ]);
  });

  it('takes progress reports from the owning agency only, one per quarter, percent 0–100', async () => {
    const task = await createTask(commerce, 14, {
      titleZh: '电子提单试点',
      ownerAgency: 'hangzhou-customs',
      dueDate: future,
    });
    const report = (party: Party, body: object) => call(party, 'POST', `/tasks/${task.id}/reports`, body);
    const period = quarterNow();
    const sent = await report(customs, {
      period,
      text: '已完成两家企业试点。',
      percent: 40,
      attachments: [
        { kind: 'link', url: 'https://example.gov.cn/report.pdf', label: '试点报告' },
        { kind: 'document', documentId: 'doc_01JD5Z3K8Q6V2W9XKM4T7B1N0C' },
      ],
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const reported = sent.body as unknown as Task;
    expect(reported.progress).toBe(40);
    expect(reported.reports).toEqual([
      expect.objectContaining({ period, percent: 40, agencyCode: 'hangzhou-customs' }),
    ]);

    const again = await report(customs, { period, text: 'again', percent: 50 });
    expect([again.status, again.body.code]).toEqual([409, 'stats.policy_report_exists']);
    for (const percent of [101, -1, 12.5]) {
      const out = await report(customs, { period, text: 'x', percent });
      expect([out.status, fieldCodes(out.body).map(([field]) => field)]).toEqual([400, ['percent']]);
    }
    const badPeriod = await report(customs, { period: '2026-Q5', text: 'x', percent: 1 });
    expect(fieldCodes(badPeriod.body).map(([field]) => field)).toEqual(['period']);
    const futurePeriod = await report(customs, { period: `${thisYear + 1}-Q4`, text: 'x', percent: 1 });
    expect(fieldCodes(futurePeriod.body)).toEqual([['period', 'stats.policy_future_period']]);
    const badLink = await report(customs, {
      period,
      text: 'x',
      percent: 1,
      attachments: [{ kind: 'link', url: 'javascript:alert(1)' }],
    });
    expect(badLink.status).toBe(400);
    const empty = await report(customs, { period, text: '   ', percent: 1 });
    expect(fieldCodes(empty.body).map(([field]) => field)).toEqual(['text']);

    // Agency A (tax) cannot report on agency B's (customs') task; nor can the office, which does not own it.
    const otherAgency = await report(tax, { period, text: '代报', percent: 90 });
    expect([otherAgency.status, otherAgency.body.code]).toEqual([403, 'stats.policy_not_task_owner']);
    const office = await report(commerce, { period, text: '代报', percent: 90 });
    expect([office.status, office.body.code]).toEqual([403, 'stats.policy_not_task_owner']);
    // Another programme does not see this task at all.
    const stranger = await report(otherOffice, { period, text: 'x', percent: 1 });
    expect(stranger.status).toBe(404);
    const measure = await call(commerce, 'GET', '/measures/14');
    expect((measure.body.tasks as Task[])[0]?.reports).toHaveLength(1);
  });

  it('ticks milestones off: the owner may, only planners move them; an overdue milestone is flagged', async () => {
    let task = await createTask(commerce, 16, {
      titleZh: '货物全程追溯系统',
      ownerAgency: 'hangzhou-customs',
      dueDate: future,
      milestones: [{ titleZh: '需求确认', dueDate: '2021-06-30' }],
    });
    const milestone = task.milestones[0];
    expect(milestone?.overdue).toBe(true);
    expect(task.alerts.map((a) => a.kind)).toEqual(['milestone_overdue']);
    const moved = await call(customs, 'PATCH', `/tasks/${task.id}/milestones/${milestone?.id}`, {
      dueDate: `${thisYear + 1}-01-01`,
    });
    expect([moved.status, moved.body.code]).toEqual([403, 'stats.policy_not_lead']);
    const ticked = await call(customs, 'PATCH', `/tasks/${task.id}/milestones/${milestone?.id}`, {
      done: true,
    });
    expect(ticked.status, JSON.stringify(ticked.body)).toBe(200);
    task = ticked.body as unknown as Task;
    expect(task.milestones[0]?.doneAt).not.toBeNull();
    expect(task.overdue).toBe(false);
    const added = await call(commerce, 'POST', `/tasks/${task.id}/milestones`, {
      titleEn: 'Go live',
      dueDate: future,
    });
    expect(added.status).toBe(201);
    expect((added.body as unknown as Task).milestones).toHaveLength(2);
    const noTitle = await call(commerce, 'POST', `/tasks/${task.id}/milestones`, { dueDate: future });
    expect(fieldCodes(noTitle.body)).toEqual([['titleZh', 'stats.policy_title_required']]);
    expect(
      (await call(commerce, 'PATCH', `/tasks/${task.id}/milestones/pms_nothing`, { done: true })).status,
    ).toBe(404);
  });

  it('shows the board: measures × status, the overdue task, and each agency', async () => {
    const board = await call(commerce, 'GET', '/board');
    expect(board.status).toBe(200);
    const measures = board.body.measures as {
      number: number;
      tasks: Record<string, number>;
      overdue: number;
    }[];
    expect(measures).toHaveLength(24);
    expect(measures[3]?.tasks).toMatchObject({ total: 2, planned: 2 });
    expect(measures[3]?.overdue).toBe(1);
    expect(measures[9]?.tasks).toMatchObject({ total: 1, done: 1 });
    const overdue = board.body.overdue as {
      kind: string;
      titleEn: string | null;
      agencyCode: string;
      daysOverdue: number;
    }[];
    expect(overdue).toEqual([
      expect.objectContaining({
        kind: 'task_overdue',
        titleEn: 'Catch-up task recorded late',
        agencyCode: 'zj-tax',
      }),
    ]);
    expect(overdue[0]?.daysOverdue).toBeGreaterThan(0);
    const agencies = board.body.agencies as {
      agency: { code: string };
      overdueTasks: number;
      tasks: { total: number };
    }[];
    expect(agencies.map((a) => a.agency.code)).toEqual(['zj-tax', 'hangzhou-customs']);
    expect(agencies[0]).toMatchObject({ overdueTasks: 1, tasks: { total: 1 } });
    expect(board.body.totals).toMatchObject({ total: 6, done: 1 });

    // The agency sees the same programme's board; its alerts filter by agency.
    const seenByAgency = await call(customs, 'GET', '/board');
    expect(seenByAgency.body.totals).toEqual(board.body.totals);
    const alerts = await call(customs, 'GET', '/alerts?agency=zj-tax');
    expect((alerts.body.items as { agencyCode: string }[]).map((a) => a.agencyCode)).toEqual(['zj-tax']);
    const none = await call(customs, 'GET', '/alerts?agency=hangzhou-customs');
    expect((none.body.items as { overdue: boolean }[]).filter((a) => a.overdue)).toEqual([]);
    // On a day after the quarter's report was due, tasks created before it show a missing report.
    const later = await call(commerce, 'GET', `/board?asOf=${thisYear + 1}-12-31`);
    expect((later.body.overdue as { kind: string }[]).map((a) => a.kind)).toContain('report_missing');
    const badDay = await call(commerce, 'GET', '/board?asOf=2026-02-30');
    expect([badDay.status, fieldCodes(badDay.body).map(([field]) => field)]).toEqual([400, ['asOf']]);
    // The other programme is empty.
    expect((await call(otherOffice, 'GET', '/board')).body.totals).toMatchObject({ total: 0 });
  });

  it('answers random task and report input from the office with 201, 400, 403 or 409, never a 500', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '  ', '\u0000', 'zj-commerce', '2026-02-29'),
    );
    const date = fc.oneof(text, fc.constantFrom('2026-02-28', '2026-02-30', '0000-00-00', '9999-12-31'));
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            titleZh: text,
            titleEn: text,
            ownerAgency: text,
            dueDate: date,
            percent: fc.integer({ min: -5, max: 105 }),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: 0, max: 30 }),
        async ({ percent, ...body }, measure) => {
          const created = await call(commerce, 'POST', `/measures/${measure}/tasks`, body);
          expect([201, 400, 404], JSON.stringify(created.body)).toContain(created.status);
          expect(created.type).toContain(
            created.status === 201 ? 'application/json' : 'application/problem+json',
          );
          const id = created.status === 201 ? (created.body.id as string) : 'pmt_none';
          const report = await call(commerce, 'POST', `/tasks/${id}/reports`, {
            period: quarterNow(),
            text: body.titleZh ?? 'x',
            percent,
          });
          expect([201, 400, 403, 404], JSON.stringify(report.body)).toContain(report.status);
        },
      ),
      { numRuns: 40, seed: 8 },
    );
  });

  it('refuses an enterprise on every route of the tracker with 403', async () => {
    const routes = ctx.hub.routes.filter(
      (route) => String(route.url).includes('/stats/policy-measures') && route.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThanOrEqual(11);
    const samples: Record<string, object> = {
      'POST /programme': {},
      'PATCH /agencies/:agencyCode': { organisationId: null },
      'POST /measures/:measureNumber/tasks': { titleZh: 'x', ownerAgency: 'zj-commerce', dueDate: future },
      'PATCH /tasks/:taskId': { version: 1, status: 'in_progress' },
      'POST /tasks/:taskId/milestones': { titleZh: 'x', dueDate: future },
      'PATCH /tasks/:taskId/milestones/:milestoneId': { done: true },
      'POST /tasks/:taskId/reports': { period: quarterNow(), text: 'x', percent: 1 },
    };
    for (const route of routes) {
      const path = String(route.url).replace('/api/orgs/:orgId/stats/policy-measures', '');
      const key = `${String(route.method)} ${path}`;
      const filled = path
        .replace(':measureNumber', '4')
        .replace(':agencyCode', 'zj-commerce')
        .replace(':taskId', 'pmt_x')
        .replace(':milestoneId', 'pms_x');
      const answer = await call(
        exporter,
        route.method as 'GET',
        filled,
        samples[key.replace(/^GET /, '')] ?? samples[key],
      );
      expect([answer.status, answer.body.code], key).toEqual([403, 'stats.policy_regulators_only']);
      expect(answer.type).toContain('application/problem+json');
    }
  });
});
