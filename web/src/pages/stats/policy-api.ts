import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, seg } from '../../api/client.ts';

// The policy-measure tracker's API (server/src/modules/stats/policy-measures/routes-policy.ts):
// the policy's 24 measures with their agencies, the joint-meeting office's board, tasks,
// milestones and quarterly progress reports. Regulators only (403 stats.policy_regulators_only).

export const POLICY_READER_KINDS: readonly string[] = ['regulator', 'customs_authority'];
export const TASK_STATUSES = ['planned', 'in_progress', 'done', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type AlertKind = 'task_overdue' | 'milestone_overdue' | 'report_missing' | 'task_due_soon';

export type AgencyRef = {
  code: string;
  zh: string;
  en: string;
  collective: boolean;
  organisationId: string | null;
  organisationName: string | null;
  organisationNameZh: string | null;
};
export type StatusCounts = { total: number } & Record<TaskStatus, number>;
export type Programme = {
  id: string;
  officeOrganisationId: string;
  createdAt: string;
  isOffice: boolean;
  agencyCodes: string[];
} | null;
export type MeasureSummary = {
  number: number;
  section: number;
  titleZh: string;
  titleEn: string;
  lead: AgencyRef | null;
  coAgencies: AgencyRef[];
  tasks: StatusCounts;
  progress: number | null;
  overdue: number;
};
export type PolicyAlert = {
  kind: AlertKind;
  taskId: string;
  milestoneId: string | null;
  measureNumber: number;
  agencyCode: string;
  dueDate: string;
  period: string | null;
  daysOverdue: number;
  titleZh: string | null;
  titleEn: string | null;
  overdue: boolean;
  taskStatus: TaskStatus;
};
export type Attachment =
  | { kind: 'link'; url: string; label?: string }
  | { kind: 'document'; documentId: string };
export type PolicyTask = {
  id: string;
  measureNumber: number;
  ownerAgency: string;
  titleZh: string | null;
  titleEn: string | null;
  dueDate: string;
  status: TaskStatus;
  nextStatuses: TaskStatus[];
  doneAt: string | null;
  version: number;
  progress: number;
  overdue: boolean;
  alerts: Omit<PolicyAlert, 'titleZh' | 'titleEn' | 'overdue' | 'taskStatus'>[];
  milestones: {
    id: string;
    titleZh: string | null;
    titleEn: string | null;
    dueDate: string;
    doneAt: string | null;
    overdue: boolean;
  }[];
  reports: {
    id: string;
    period: string;
    text: string;
    percent: number;
    attachments: Attachment[];
    organisationId: string;
    agencyCode: string;
    submittedAt: string;
  }[];
  history: {
    kind: string;
    byOrganisationId: string;
    fromStatus: string | null;
    toStatus: string | null;
    at: string;
  }[];
};
export type MeasureList = {
  asOf: string;
  sections: { number: number; zh: string; en: string }[];
  programme: Programme;
  items: MeasureSummary[];
};
export type MeasureDetail = MeasureSummary & {
  asOf: string;
  textZh: string;
  textEn: string;
  sectionTitle: { number: number; zh: string; en: string } | null;
  programme: Programme;
  canPlan: boolean;
  tasks: PolicyTask[];
};
export type PolicyBoard = {
  asOf: string;
  programme: Programme;
  totals: StatusCounts;
  progress: number | null;
  measures: Omit<MeasureSummary, 'coAgencies'>[];
  overdue: PolicyAlert[];
  dueSoon: PolicyAlert[];
  agencies: {
    agency: AgencyRef;
    tasks: StatusCounts;
    progress: number | null;
    overdueTasks: number;
    overdueMilestones: number;
    missingReports: number;
  }[];
};

export type NewTask = {
  titleZh?: string;
  titleEn?: string;
  ownerAgency: string;
  dueDate: string;
  milestones?: { titleZh?: string; titleEn?: string; dueDate: string }[];
};
export type NewReport = { period: string; text: string; percent: number; attachments: Attachment[] };

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/stats/policy-measures`;
const keys = { all: (orgId: string) => ['orgs', orgId, 'stats', 'policy'] as const };

export const usePolicyBoard = (orgId: string, enabled = true) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'board'],
    queryFn: ({ signal }) => apiGet<PolicyBoard>(`${base(orgId)}/board`, undefined, signal),
    enabled,
  });

export const usePolicyMeasures = (orgId: string, enabled = true) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'measures'],
    queryFn: ({ signal }) => apiGet<MeasureList>(base(orgId), undefined, signal),
    enabled,
  });

export const usePolicyMeasure = (orgId: string, number: string, enabled = true) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'measure', number],
    queryFn: ({ signal }) =>
      apiGet<MeasureDetail>(`${base(orgId)}/measures/${seg(number)}`, undefined, signal),
    enabled,
  });

const useInvalidating = <Input, Output>(orgId: string, run: (input: Input) => Promise<Output>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all(orgId) }),
  });
};

export const useCreateTask = (orgId: string, measure: number) =>
  useInvalidating(orgId, (task: NewTask) =>
    apiPost<PolicyTask & { warnings: string[] }>(`${base(orgId)}/measures/${measure}/tasks`, task),
  );

export const useUpdateTask = (orgId: string) =>
  useInvalidating(orgId, (input: { taskId: string; version: number; status: TaskStatus }) =>
    apiPatch<PolicyTask>(`${base(orgId)}/tasks/${seg(input.taskId)}`, {
      version: input.version,
      status: input.status,
    }),
  );

export const useTickMilestone = (orgId: string) =>
  useInvalidating(orgId, (input: { taskId: string; milestoneId: string; done: boolean }) =>
    apiPatch<PolicyTask>(`${base(orgId)}/tasks/${seg(input.taskId)}/milestones/${seg(input.milestoneId)}`, {
      done: input.done,
    }),
  );

export const useSubmitReport = (orgId: string) =>
  useInvalidating(orgId, (input: { taskId: string; report: NewReport }) =>
    apiPost<PolicyTask>(`${base(orgId)}/tasks/${seg(input.taskId)}/reports`, input.report),
  );

export type AgencyCatalogueItem = AgencyRef & { leads: number[]; coResponsible: number[] };

export const usePolicyAgencies = (orgId: string, enabled = true) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'agencies'],
    queryFn: ({ signal }) =>
      apiGet<{ programme: Programme; items: AgencyCatalogueItem[] }>(
        `${base(orgId)}/agencies`,
        undefined,
        signal,
      ),
    enabled,
  });

export const useCreateProgramme = (orgId: string) =>
  useInvalidating(orgId, (_: undefined) => apiPost<Programme>(`${base(orgId)}/programme`, {}));

export const useMapAgency = (orgId: string) =>
  useInvalidating(orgId, (input: { agencyCode: string; organisationId: string | null }) =>
    apiPatch<AgencyRef>(`${base(orgId)}/agencies/${seg(input.agencyCode)}`, {
      organisationId: input.organisationId,
    }),
  );
