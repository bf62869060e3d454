import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost, isUnauthenticated, type ProblemFieldError, seg } from './client.ts';

// Enterprise direct reporting (server/src/modules/stats/reporting; docs/direct-reporting.md): an
// enterprise fills in versioned report forms and submits them; the commerce department returns
// them with comments per cell or accepts them, and watches deadlines on the health board. Money
// cells are integer US cents as text, never parsed into floats.

export const FORM_CODES = ['monthly_services', 'annual_digital_survey'] as const;
export type FormCode = (typeof FORM_CODES)[number];
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const HEALTH_STATUSES = ['on_time', 'late', 'missing', 'returned', 'pending'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
/** The kinds that review rather than report (the server answers 403 to the other side). */
export const REVIEWER_KINDS: readonly string[] = ['regulator'];
export const NON_REPORTING_KINDS: readonly string[] = ['regulator', 'customs_authority'];
export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const UPLOAD_LIMIT_BYTES = 1024 * 1024;

export type CellType = 'money' | 'integer' | 'percentage' | 'decimal' | 'text' | 'yes_no';
export type FormCell = {
  name: string;
  type: CellType;
  required: boolean;
  min?: string;
  max?: string;
  label: { en: string; zh: string };
};
export type ReportForm = {
  code: FormCode;
  version: number;
  hash: string;
  period: 'month' | 'year';
  title: { en: string; zh: string };
  cells: FormCell[];
  totals: { total: string; parts: string[] }[];
  jumpChecked: string[];
};
export type Issue = { cell: string; code: string; severity: 'error' | 'warning'; message: string };
export type Report = {
  id: string;
  organisationId: string;
  regulatorOrganisationId: string;
  form: { code: FormCode; version: number; hash: string };
  period: string;
  dueDate: string;
  city: string;
  status: ReportStatus;
  values: Record<string, string>;
  confirmations: Record<string, string>;
  reviewComments: Record<string, string>;
  hadConfirmedWarnings: boolean;
  errors: Issue[];
  warnings: Issue[];
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  acceptedAt: string | null;
  version: number;
  history: { kind: string; byOrganisationId: string; comments: Record<string, string> | null; at: string }[];
};
export type ReportSummary = {
  id: string;
  form: { code: FormCode; version: number };
  period: string;
  dueDate: string;
  status: ReportStatus;
  submittedAt: string | null;
  acceptedAt: string | null;
};
export type QueueItem = Omit<ReportSummary, 'acceptedAt'> & {
  organisationId: string;
  organisationName: string;
  organisationNameZh: string | null;
  hadConfirmedWarnings: boolean;
};
export type Enterprise = {
  organisationId: string;
  name: string;
  nameZh: string | null;
  registeredAt: string;
};
export type HealthBoard = {
  asOf: string;
  period: string;
  dueDate: string;
  summary: Record<'onTime' | 'late' | 'missing' | 'returned' | 'pending' | 'improbable', number>;
  items: (Enterprise & {
    reportId: string | null;
    reportStatus: ReportStatus | null;
    firstSubmittedAt: string | null;
    status: HealthStatus;
    improbable: boolean;
  })[];
};
export type Reminders = {
  asOf: string;
  period: string;
  dueDate: string;
  items: {
    organisationId: string;
    name: string;
    nameZh: string | null;
    reportId: string | null;
    kind: 'due_soon' | 'overdue';
    daysLeft: number;
  }[];
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/stats/reporting`;
const keys = {
  all: (orgId: string) => ['stats-reporting', orgId] as const,
  report: (orgId: string, id: string) => ['stats-reporting', orgId, 'report', id] as const,
};

export const templateUrl = (orgId: string, form: FormCode, format: 'csv' | 'xlsx', locale: 'en' | 'zh') =>
  `${base(orgId)}/template?form=${form}&format=${format}&locale=${locale}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldErrorsOf = (value: unknown): ProblemFieldError[] =>
  Array.isArray(value)
    ? value.filter(isRecord).map((item) => ({
        field: typeof item.field === 'string' ? item.field : '',
        code: typeof item.code === 'string' ? item.code : '',
        message: typeof item.message === 'string' ? item.message : '',
      }))
    : [];

// client.ts speaks JSON with GET/POST/PATCH/DELETE; saving values is a PUT and an upload sends the
// file's own bytes, so both go through this one function.
const put = async (path: string, contentType: string, body: string | Blob): Promise<Report> => {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json', 'content-type': contentType },
      body,
    });
  } catch {
    throw new ApiError({ status: 0, code: 'client.network_error' });
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  if (response.ok) {
    return json as Report;
  }
  if (!isRecord(json) || typeof json.code !== 'string') {
    throw new ApiError({ status: response.status, code: 'client.unexpected_response' });
  }
  const error = new ApiError({
    status: response.status,
    code: json.code,
    ...(typeof json.detail === 'string' ? { detail: json.detail } : {}),
    ...(typeof json.requestId === 'string' ? { requestId: json.requestId } : {}),
    errors: fieldErrorsOf(json.errors),
  });
  if (isUnauthenticated(error)) {
    window.location.reload();
  }
  throw error;
};

export const useReportForms = (orgId: string) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'forms'],
    queryFn: ({ signal }) => apiGet<{ items: ReportForm[] }>(`${base(orgId)}/forms`, undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useMyReports = (orgId: string) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'reports'],
    queryFn: ({ signal }) => apiGet<{ items: ReportSummary[] }>(`${base(orgId)}/reports`, undefined, signal),
  });

export const useReport = (orgId: string, reportId: string, side: 'own' | 'review') =>
  useQuery({
    queryKey: [...keys.report(orgId, reportId), side],
    queryFn: ({ signal }) =>
      apiGet<Report>(
        `${base(orgId)}/${side === 'own' ? 'reports' : 'review'}/${seg(reportId)}`,
        undefined,
        signal,
      ),
  });

export const useReviewQueue = (orgId: string, status: 'submitted' | 'all') =>
  useQuery({
    queryKey: [...keys.all(orgId), 'review', status],
    queryFn: ({ signal }) => apiGet<{ items: QueueItem[] }>(`${base(orgId)}/review`, { status }, signal),
  });

export const useHealthBoard = (orgId: string, asOf: string | undefined) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'health', asOf ?? ''],
    queryFn: ({ signal }) => apiGet<HealthBoard>(`${base(orgId)}/health`, { asOf }, signal),
  });

export const useReminders = (orgId: string, asOf: string | undefined) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'reminders', asOf ?? ''],
    queryFn: ({ signal }) => apiGet<Reminders>(`${base(orgId)}/reminders`, { asOf }, signal),
  });

export const useEnterprises = (orgId: string) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'enterprises'],
    queryFn: ({ signal }) => apiGet<{ items: Enterprise[] }>(`${base(orgId)}/enterprises`, undefined, signal),
  });

/** Every write answers the report as it now stands; the lists refresh behind it. */
const useReportMutation = <I>(orgId: string, mutationFn: (input: I) => Promise<Report>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (report) => {
      client.setQueryData([...keys.report(orgId, report.id), 'own'], report);
      void client.invalidateQueries({ queryKey: keys.all(orgId) });
    },
  });
};

export const useOpenReport = (orgId: string) =>
  useReportMutation(orgId, (input: { formCode: FormCode; period: string; city: string }) =>
    apiPost<Report>(`${base(orgId)}/reports`, input),
  );

export const useSaveValues = (orgId: string, reportId: string) =>
  useReportMutation(orgId, (input: { version: number; values: Record<string, string> }) =>
    put(`${base(orgId)}/reports/${seg(reportId)}/values`, 'application/json', JSON.stringify(input)),
  );

export const useUploadFile = (orgId: string, reportId: string) =>
  useReportMutation(orgId, (input: { version: number; file: File }) =>
    put(
      `${base(orgId)}/reports/${seg(reportId)}/upload?version=${input.version}`,
      input.file.name.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : CSV_TYPE,
      input.file,
    ),
  );

export const useSubmitReport = (orgId: string, reportId: string) =>
  useReportMutation(orgId, (input: { version: number; confirmations: Record<string, string> }) =>
    apiPost<Report>(`${base(orgId)}/reports/${seg(reportId)}/submit`, input),
  );

export const useReturnReport = (orgId: string, reportId: string) =>
  useReportMutation(orgId, (input: { version: number; comments: Record<string, string> }) =>
    apiPost<Report>(`${base(orgId)}/review/${seg(reportId)}/return`, input),
  );

export const useAcceptReport = (orgId: string, reportId: string) =>
  useReportMutation(orgId, (input: { version: number }) =>
    apiPost<Report>(`${base(orgId)}/review/${seg(reportId)}/accept`, input),
  );

export const useRegisterEnterprise = (orgId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (organisationId: string) =>
      apiPost<{ organisationId: string; created: boolean }>(`${base(orgId)}/enterprises`, { organisationId }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(orgId) }),
  });
};
