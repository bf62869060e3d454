import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { StatsDeps } from '../deps.ts';
import { ebopsCategories, zhejiangCities } from '../facts/dimensions.ts';
import { insertFacts, type TradeFact } from '../facts/repository-facts.ts';
import { chinaDate, dueDate, healthOf, reminderOf, watchedMonth } from './deadlines.ts';
import {
  cellOf,
  currentForms,
  type FormCode,
  type FormDefinition,
  findForm,
  formHash,
  ictEnabledCategories,
} from './forms.ts';
import {
  ensureForm,
  findOwnReport,
  findPreviousAccepted,
  findRegistration,
  findReportByPeriod,
  findReviewedReport,
  insertRegistration,
  insertReport,
  insertReportEvent,
  listOwnReports,
  listPeriodReports,
  listRegistrations,
  listReportEvents,
  listReviewQueue,
  type ReportEventKind,
  type ReportRow,
  updateReport,
} from './repository-reporting.ts';
import { CSV_TYPE, readCsv, readXlsx, type UploadOutcome } from './upload.ts';
import { type CellValues, type Issue, validateValues } from './validate.ts';

/** Who acts (the organisation in the path) and how its change is audited in the same transaction. */
export type ReportingContext = {
  organisationId: string;
  audit: (
    ex: Executor,
    change: {
      organisationId: string;
      object: { type: string; id: string };
      detail?: Record<string, unknown>;
    },
  ) => Promise<void>;
};

const NOT_ENTERPRISES: ReadonlySet<string> = new Set(['regulator', 'customs_authority']);
// Statistics of trade outside the reporting relation are never a report's: cells are only partner-
// allocated in the top-partner section, so the EBOPS rows' facts carry an unallocated partner code.
export const UNALLOCATED_PARTNER = 'ZZ';

const invalid = (errors: FieldError[], message = 'The report has errors: see each cell.') =>
  new AppError('stats.report_invalid', message, { fieldErrors: errors });
const fieldErrorsOf = (issues: readonly Issue[]): FieldError[] =>
  issues.map((issue) => ({ field: issue.cell, code: issue.code, message: issue.message }));

const notFound = (id: string) => new AppError('http.not_found', `No direct_report ${id}.`);

const formOf = (row: Pick<ReportRow, 'form_code' | 'form_version'>): FormDefinition => {
  const form = findForm(row.form_code, row.form_version);
  if (form === undefined) {
    throw new Error(`report form ${row.form_code} v${row.form_version} is not known to the code`);
  }
  return form;
};

/** The caller must be an enterprise: the commerce department and customs review, they do not report. */
export const requireEnterprise = async (deps: StatsDeps, organisationId: string) => {
  if (NOT_ENTERPRISES.has((await deps.organisationKind(organisationId)) ?? 'regulator')) {
    throw new AppError('stats.report_enterprises_only', 'Only enterprises fill in direct reports.');
  }
};

/** The caller must be a commerce department (a regulator) to register, review and watch. */
export const requireRegulator = async (deps: StatsDeps, organisationId: string) => {
  if ((await deps.organisationKind(organisationId)) !== 'regulator') {
    throw new AppError(
      'stats.report_regulators_only',
      'Only the commerce department reviews direct reports.',
    );
  }
};

export const presentForm = (form: FormDefinition) => ({
  ...form,
  cells: [...form.cells],
  totals: form.totals.map((total) => ({ total: total.total, parts: [...total.parts] })),
  jumpChecked: [...form.jumpChecked],
  hash: formHash(form),
});

const issuesOf = async (ex: Executor, row: ReportRow) => {
  const form = formOf(row);
  const previous = await findPreviousAccepted(ex, row.organisation_id, row.form_code, row.period);
  return validateValues(form, row.cell_values, previous?.cell_values);
};

const presentEvents = async (ex: Executor, id: string) =>
  (await listReportEvents(ex, id)).map((event) => ({
    kind: event.kind,
    byOrganisationId: event.organisation_id,
    comments: event.comments,
    at: event.at.toISOString(),
  }));

export const presentReport = async (ex: Executor, row: ReportRow) => {
  const form = formOf(row);
  const issues = await issuesOf(ex, row);
  return {
    id: row.id,
    organisationId: row.organisation_id,
    regulatorOrganisationId: row.regulator_organisation_id,
    form: { code: row.form_code, version: row.form_version, hash: formHash(form) },
    period: row.period,
    dueDate: dueDate(form, row.period),
    city: row.city,
    status: row.status,
    values: row.cell_values,
    confirmations: row.confirmations,
    reviewComments: row.review_comments,
    hadConfirmedWarnings: row.had_confirmed_warnings,
    errors: issues.filter((issue) => issue.severity === 'error'),
    warnings: issues.filter((issue) => issue.severity === 'warning'),
    firstSubmittedAt: row.first_submitted_at?.toISOString() ?? null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    version: row.version,
    history: await presentEvents(ex, row.id),
  };
};
export type PresentedReport = Awaited<ReturnType<typeof presentReport>>;

const record = async (
  ex: Executor,
  ctx: ReportingContext,
  row: ReportRow,
  kind: ReportEventKind,
  comments?: Record<string, string>,
) => {
  await insertReportEvent(ex, {
    reportId: row.id,
    organisationId: ctx.organisationId,
    kind,
    ...(comments === undefined ? {} : { comments }),
  });
  await ctx.audit(ex, {
    organisationId: ctx.organisationId,
    object: { type: 'direct_report', id: row.id },
    detail: { kind, period: row.period, form: row.form_code },
  });
};

// ---------------------------------------------------------------- registration (the regulator)

export const registerEnterprise = async (deps: StatsDeps, ctx: ReportingContext, enterpriseId: string) => {
  const kind = await deps.organisationKind(enterpriseId);
  if (kind === undefined) {
    throw invalid(
      [
        {
          field: 'organisationId',
          code: 'stats.report_unknown_organisation',
          message: 'No such organisation.',
        },
      ],
      'No such organisation.',
    );
  }
  if (NOT_ENTERPRISES.has(kind)) {
    throw new AppError('stats.report_not_an_enterprise', 'A regulator does not report to another.');
  }
  return deps.db.transaction(async (trx) => {
    const existing = await findRegistration(trx, enterpriseId);
    if (existing !== undefined && existing.regulator_organisation_id !== ctx.organisationId) {
      throw new AppError(
        'stats.report_registered_elsewhere',
        'The enterprise reports to another department.',
      );
    }
    const registeredAt =
      existing?.registered_at ??
      (await insertRegistration(trx, ctx.organisationId, enterpriseId))?.registered_at;
    if (registeredAt === undefined) {
      throw new AppError(
        'stats.report_registered_elsewhere',
        'The enterprise reports to another department.',
      );
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'organisation', id: enterpriseId },
      detail: { registered: existing === undefined },
    });
    return {
      organisationId: enterpriseId,
      registeredAt: registeredAt.toISOString(),
      created: existing === undefined,
    };
  });
};

export const listEnterprises = async (deps: StatsDeps, regulatorId: string) => {
  const rows = await listRegistrations(deps.db.kysely, regulatorId);
  const names = await deps.organisationNames(rows.map((row) => row.enterprise_organisation_id));
  return rows.map((row) => ({
    organisationId: row.enterprise_organisation_id,
    name: names.get(row.enterprise_organisation_id)?.name ?? row.enterprise_organisation_id,
    nameZh: names.get(row.enterprise_organisation_id)?.nameZh ?? null,
    registeredAt: row.registered_at.toISOString(),
  }));
};

// ---------------------------------------------------------------- filling in (the enterprise)

const periodProblem = (form: FormDefinition, period: string, today: string): FieldError | undefined => {
  const pattern = form.period === 'month' ? /^(20\d\d)-(0[1-9]|1[0-2])$/ : /^20\d\d$/;
  if (!pattern.test(period)) {
    return {
      field: 'period',
      code: 'stats.report_invalid_period',
      message: form.period === 'month' ? 'Give the month as YYYY-MM.' : 'Give the year as YYYY.',
    };
  }
  // A period is reported once it has begun; figures for a month still to come cannot be known.
  if (period > today.slice(0, form.period === 'month' ? 7 : 4)) {
    return { field: 'period', code: 'stats.report_future_period', message: 'The period has not begun.' };
  }
  return undefined;
};

export const createReport = async (
  deps: StatsDeps,
  ctx: ReportingContext,
  input: { formCode: FormCode; period: string; city: string },
  today: string,
) => {
  const form = currentForms[input.formCode];
  const problems = [
    periodProblem(form, input.period, today),
    zhejiangCities.some((city) => city.code === input.city)
      ? undefined
      : { field: 'city', code: 'stats.report_unknown_city', message: 'Give one of the 11 Zhejiang cities.' },
  ].filter((problem): problem is FieldError => problem !== undefined);
  if (problems.length > 0) {
    throw invalid(problems, 'The report cannot be opened: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    const registration = await findRegistration(trx, ctx.organisationId);
    if (registration === undefined) {
      throw new AppError(
        'stats.report_not_registered',
        'The commerce department has not registered the organisation as a reporting enterprise.',
      );
    }
    const existing = await findReportByPeriod(trx, ctx.organisationId, form.code, input.period);
    if (existing?.status === 'accepted') {
      throw new AppError(
        'stats.report_period_accepted',
        `The report for ${input.period} is already accepted.`,
      );
    }
    if (existing !== undefined) {
      throw new AppError('stats.report_report_exists', `A report for ${input.period} exists: continue it.`, {
        details: { reportId: existing.id },
      });
    }
    await ensureForm(trx, form);
    const row = await insertReport(trx, {
      id: newId('rpt'),
      organisation_id: ctx.organisationId,
      regulator_organisation_id: registration.regulator_organisation_id,
      form_code: form.code,
      form_version: form.version,
      period: input.period,
      city: input.city,
    });
    if (row === undefined) {
      throw new AppError('stats.report_report_exists', `A report for ${input.period} exists: continue it.`);
    }
    await record(trx, ctx, row, 'created');
    return presentReport(trx, row);
  });
};

export const listReports = async (deps: StatsDeps, organisationId: string) =>
  (await listOwnReports(deps.db.kysely, organisationId)).map((row) => ({
    id: row.id,
    form: { code: row.form_code, version: row.form_version },
    period: row.period,
    dueDate: dueDate(formOf(row), row.period),
    status: row.status,
    submittedAt: row.submitted_at?.toISOString() ?? null,
    acceptedAt: row.accepted_at?.toISOString() ?? null,
  }));

export const getOwnReport = async (deps: StatsDeps, organisationId: string, id: string) => {
  const row = await findOwnReport(deps.db.kysely, organisationId, id);
  if (row === undefined) {
    throw notFound(id);
  }
  return presentReport(deps.db.kysely, row);
};

/** Locks the enterprise's own report for a change it may make only while the report is its to edit. */
const editable = async (ex: Executor, ctx: ReportingContext, id: string, version: number) => {
  const row = await findOwnReport(ex, ctx.organisationId, id, true);
  if (row === undefined) {
    throw notFound(id);
  }
  if (row.status === 'accepted') {
    throw new AppError('stats.report_period_accepted', `The report for ${row.period} is already accepted.`);
  }
  if (row.status === 'submitted') {
    throw new AppError('stats.report_wrong_state', 'The report is with the commerce department for review.');
  }
  if (row.version !== version) {
    throw new AppError('stats.report_version_conflict', 'The report changed since you opened it: reload it.');
  }
  return row;
};

const knownCellsOnly = (form: FormDefinition, values: CellValues) => {
  const unknown = Object.keys(values).filter((name) => cellOf(form, name) === undefined);
  if (unknown.length > 0) {
    throw invalid(
      unknown.map((name) => ({
        field: name,
        code: 'stats.report_unknown_cell',
        message: `The form has no cell ${name}.`,
      })),
    );
  }
  // Empty cells are left out, so that "not given" has one spelling.
  return Object.fromEntries(
    Object.entries(values)
      .map(([name, text]) => [name, text.trim()] as const)
      .filter(([, text]) => text !== ''),
  );
};

/** Replaces a draft's (or returned report's) values; problems are answered, not refused, until submission. */
export const saveValues = async (
  deps: StatsDeps,
  ctx: ReportingContext,
  id: string,
  input: { version: number; values: CellValues; city?: string | undefined },
) =>
  deps.db.transaction(async (trx) => {
    const row = await editable(trx, ctx, id, input.version);
    const values = knownCellsOnly(formOf(row), input.values);
    if (input.city !== undefined && !zhejiangCities.some((city) => city.code === input.city)) {
      throw invalid([
        { field: 'city', code: 'stats.report_unknown_city', message: 'Give one of the 11 Zhejiang cities.' },
      ]);
    }
    const updated = await updateReport(trx, row.id, {
      cell_values: values,
      ...(input.city === undefined ? {} : { city: input.city }),
    });
    await record(trx, ctx, updated, 'saved');
    return presentReport(trx, updated);
  });

/** Replaces the values with an uploaded file's; a file with any unreadable cell changes nothing. */
export const uploadValues = async (
  deps: StatsDeps,
  ctx: ReportingContext,
  id: string,
  input: { version: number; contentType: string; bytes: Buffer },
) =>
  deps.db.transaction(async (trx) => {
    const row = await editable(trx, ctx, id, input.version);
    const form = formOf(row);
    const outcome: UploadOutcome =
      input.contentType === CSV_TYPE ? readCsv(form, input.bytes) : await readXlsx(form, input.bytes);
    if (!outcome.ok) {
      throw new AppError('stats.report_upload_invalid', 'The file has errors: nothing was stored.', {
        fieldErrors: outcome.errors,
      });
    }
    const updated = await updateReport(trx, row.id, { cell_values: outcome.values });
    await record(trx, ctx, updated, 'uploaded');
    return presentReport(trx, updated);
  });

/**
 * Sends the report to the commerce department: errors block it; each month-on-month jump needs the
 * enterprise's reason (a confirmation), and a report sent with one is marked improbable.
 */
export const submitReport = async (
  deps: StatsDeps,
  ctx: ReportingContext,
  id: string,
  input: { version: number; confirmations: Readonly<Record<string, string>> },
) =>
  deps.db.transaction(async (trx) => {
    const row = await editable(trx, ctx, id, input.version);
    const issues = await issuesOf(trx, row);
    const errors = issues.filter((issue) => issue.severity === 'error');
    if (errors.length > 0) {
      throw invalid(fieldErrorsOf(errors));
    }
    const warnings = issues.filter((issue) => issue.severity === 'warning');
    const reasons = Object.fromEntries(
      warnings.map((warning) => [warning.cell, (input.confirmations[warning.cell] ?? '').trim()] as const),
    );
    const unconfirmed = warnings.filter((warning) => reasons[warning.cell] === '');
    if (unconfirmed.length > 0) {
      throw new AppError(
        'stats.report_warnings_unconfirmed',
        'Some figures moved far from the last accepted period: confirm each with a reason, or correct it.',
        { fieldErrors: fieldErrorsOf(unconfirmed) },
      );
    }
    const updated = await updateReport(trx, row.id, {
      status: 'submitted',
      confirmations: reasons,
      had_confirmed_warnings: warnings.length > 0,
      review_comments: {},
      submitted: true,
    });
    await record(trx, ctx, updated, 'submitted', warnings.length > 0 ? reasons : undefined);
    return presentReport(trx, updated);
  });

// ---------------------------------------------------------------- review (the regulator)

export const reviewQueue = async (deps: StatsDeps, regulatorId: string, status: 'submitted' | 'all') => {
  const rows = await listReviewQueue(
    deps.db.kysely,
    regulatorId,
    status === 'all' ? ['submitted', 'returned', 'accepted'] : ['submitted'],
  );
  const names = await deps.organisationNames(rows.map((row) => row.organisation_id));
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: names.get(row.organisation_id)?.name ?? row.organisation_id,
    organisationNameZh: names.get(row.organisation_id)?.nameZh ?? null,
    form: { code: row.form_code, version: row.form_version },
    period: row.period,
    dueDate: dueDate(formOf(row), row.period),
    status: row.status,
    hadConfirmedWarnings: row.had_confirmed_warnings,
    submittedAt: row.submitted_at?.toISOString() ?? null,
  }));
};

export const getReviewedReport = async (deps: StatsDeps, regulatorId: string, id: string) => {
  const row = await findReviewedReport(deps.db.kysely, regulatorId, id);
  if (row === undefined) {
    throw notFound(id);
  }
  return presentReport(deps.db.kysely, row);
};

const underReview = async (ex: Executor, ctx: ReportingContext, id: string, version: number) => {
  const row = await findReviewedReport(ex, ctx.organisationId, id, true);
  if (row === undefined) {
    throw notFound(id);
  }
  if (row.status === 'accepted') {
    throw new AppError('stats.report_period_accepted', `The report for ${row.period} is already accepted.`);
  }
  if (row.status !== 'submitted') {
    throw new AppError('stats.report_wrong_state', 'The report is back with the enterprise.');
  }
  if (row.version !== version) {
    throw new AppError('stats.report_version_conflict', 'The report changed since you opened it: reload it.');
  }
  return row;
};

/** Sends the report back with the reviewer's comments, per cell (or `report` for the whole). */
export const returnReport = async (
  deps: StatsDeps,
  ctx: ReportingContext,
  id: string,
  input: { version: number; comments: Readonly<Record<string, string>> },
) =>
  deps.db.transaction(async (trx) => {
    const row = await underReview(trx, ctx, id, input.version);
    const form = formOf(row);
    const comments = Object.fromEntries(
      Object.entries(input.comments)
        .map(([cell, text]) => [cell, text.trim()] as const)
        .filter(([, text]) => text !== ''),
    );
    const unknown = Object.keys(comments).filter(
      (cell) => cell !== 'report' && cellOf(form, cell) === undefined,
    );
    if (unknown.length > 0 || Object.keys(comments).length === 0) {
      throw invalid(
        unknown.length > 0
          ? unknown.map((cell) => ({
              field: `comments.${cell}`,
              code: 'stats.report_unknown_cell',
              message: `The form has no cell ${cell}.`,
            }))
          : [{ field: 'comments', code: 'stats.report_required', message: 'Say what to correct.' }],
        'The comments name no cell of the form.',
      );
    }
    const updated = await updateReport(trx, row.id, { status: 'returned', review_comments: comments });
    await record(trx, ctx, updated, 'returned', comments);
    return presentReport(trx, updated);
  });

/** The facts an accepted monthly report adds: one per non-zero EBOPS cell (docs/direct-reporting.md). */
export const factsOfReport = (row: ReportRow): TradeFact[] => {
  if (row.form_code !== 'monthly_services') {
    return [];
  }
  const values = row.cell_values;
  const [whole = '0', fraction = ''] = (values.usdCnyRate ?? '0').split('.');
  // The rate in millionths, half up: CNY amounts are integers of fen, as every other fact's.
  const digits = fraction.padEnd(7, '0');
  const rateMicro =
    BigInt(whole) * 1_000_000n + BigInt(digits.slice(0, 6)) + (Number(digits[6]) >= 5 ? 1n : 0n);
  const delivered = values.deliveredDigitally === 'yes';
  return ebopsCategories.flatMap((category) =>
    (['export', 'import'] as const).flatMap((flow): TradeFact[] => {
      const cents = BigInt(values[`rows.${category}.${flow}`] ?? '0');
      if (cents <= 0n) {
        return [];
      }
      const digital = delivered && ictEnabledCategories.has(category);
      return [
        {
          source: 'direct_report',
          sourceRef: `${row.id}/rows.${category}.${flow}`,
          enterpriseCode: row.organisation_id.slice(0, 40),
          organisationId: row.organisation_id,
          month: `${row.period}-01`,
          flow,
          kind: 'services',
          customsMode: null,
          partner: UNALLOCATED_PARTNER,
          hsChapter: null,
          consumerGoods: false,
          ebops: category,
          contentType: digital
            ? category === 'SI'
              ? 'digital_technology'
              : 'digital_services'
            : 'traditional',
          city: row.city,
          digitallyOrdered: false,
          digitallyDelivered: digital,
          platformIntermediated: false,
          amountMinor: cents,
          currency: 'USD',
          cnyMinor: (cents * rateMicro + 500_000n) / 1_000_000n,
          usdMinor: cents,
        },
      ];
    }),
  );
};

/** Accepts the report and adds its facts in the same transaction: both happen, or neither. */
export const acceptReport = async (
  deps: StatsDeps,
  ctx: ReportingContext,
  id: string,
  input: { version: number },
) =>
  deps.db.transaction(async (trx) => {
    const row = await underReview(trx, ctx, id, input.version);
    const updated = await updateReport(trx, row.id, { status: 'accepted', accepted: true });
    const facts = factsOfReport(updated);
    const added = await insertFacts(trx, facts);
    if (added !== facts.length) {
      throw new Error(`report ${row.id}: ${facts.length - added} of its facts were already stored`);
    }
    await record(trx, ctx, updated, 'accepted');
    return { ...(await presentReport(trx, updated)), factsAdded: added };
  });

// ---------------------------------------------------------------- deadlines and the health board

/** Per registered enterprise, where it stands on the monthly report watched on `asOf`. */
export const healthBoard = async (deps: StatsDeps, regulatorId: string, asOf: string) => {
  const form = currentForms.monthly_services;
  const period = watchedMonth(asOf);
  const due = dueDate(form, period);
  const enterprises = await listEnterprises(deps, regulatorId);
  const reports = new Map(
    (await listPeriodReports(deps.db.kysely, regulatorId, form.code, period)).map((row) => [
      row.organisation_id,
      row,
    ]),
  );
  const items = enterprises.map((enterprise) => {
    const report = reports.get(enterprise.organisationId);
    return {
      ...enterprise,
      reportId: report?.id ?? null,
      reportStatus: report?.status ?? null,
      firstSubmittedAt: report?.first_submitted_at?.toISOString() ?? null,
      ...healthOf(report, due, asOf),
    };
  });
  const count = (status: string) => items.filter((item) => item.status === status).length;
  return {
    asOf,
    form: form.code,
    period,
    dueDate: due,
    summary: {
      onTime: count('on_time'),
      late: count('late'),
      missing: count('missing'),
      returned: count('returned'),
      pending: count('pending'),
      improbable: items.filter((item) => item.improbable).length,
    },
    items,
  };
};

/** Who must still send the watched month's report: due within five days, or overdue. */
export const reminders = async (deps: StatsDeps, regulatorId: string, asOf: string) => {
  const board = await healthBoard(deps, regulatorId, asOf);
  return {
    asOf,
    period: board.period,
    dueDate: board.dueDate,
    items: board.items.flatMap((item) => {
      const reminder = reminderOf(item.reportStatus ?? undefined, board.dueDate, asOf);
      return reminder === undefined
        ? []
        : [
            {
              organisationId: item.organisationId,
              name: item.name,
              nameZh: item.nameZh,
              reportId: item.reportId,
              ...reminder,
            },
          ];
    }),
  };
};

export const todayInChina = (now: Date) => chinaDate(now);
