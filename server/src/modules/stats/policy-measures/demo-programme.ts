import type { StatsDeps } from '../deps.ts';
import { findProgrammeOwnedBy } from './repository-policy.ts';
import { quarterOf } from './rules.ts';
import {
  addPolicyMilestone,
  createPolicyProgramme,
  createPolicyTask,
  mapPolicyAgency,
  type PolicyContext,
  submitPolicyReport,
  updatePolicyTask,
} from './service-policy.ts';

const DAY_MS = 86_400_000;
const day = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The demo's programme: the commerce department (the joint-meeting office, also standing for
 * 省商务厅) with Hangzhou Customs as an agency, tasks on a handful of measures dated by the hub's
 * clock, one of them overdue, a milestone overdue, and progress reports for this quarter, so the
 * board has something to show. Does nothing when the office already runs a programme.
 */
export const seedDemoPolicyProgramme = async (
  deps: StatsDeps,
  ctx: Omit<PolicyContext, 'organisationId'>,
  parties: { officeId: string; customsId?: string | undefined },
) => {
  if ((await findProgrammeOwnedBy(deps.db.kysely, parties.officeId)) !== undefined) {
    return { created: false, tasks: 0 };
  }
  const office: PolicyContext = { ...ctx, organisationId: parties.officeId };
  await createPolicyProgramme(deps, office);
  await mapPolicyAgency(deps, office, 'zj-commerce', parties.officeId);
  const customs: PolicyContext | undefined =
    parties.customsId === undefined ? undefined : { ...ctx, organisationId: parties.customsId };
  if (parties.customsId !== undefined) {
    await mapPolicyAgency(deps, office, 'hangzhou-customs', parties.customsId);
  }
  const now = deps.now();
  const quarter = quarterOf(day(now, 0));
  const plan = [
    {
      measure: 4,
      titleZh: '跨境电商 B2B 出口（9710/9810）企业培训全覆盖',
      titleEn: 'Train every B2B cross-border exporter on the 9710/9810 procedures',
      ownerAgency: 'zj-commerce',
      dueDate: day(now, 120),
      milestones: [
        {
          titleZh: '完成首批 200 家企业培训',
          titleEn: 'First 200 enterprises trained',
          dueDate: day(now, 30),
        },
      ],
      start: true,
      report: { percent: 35, text: '已在杭州、宁波、金华举办 6 场专题培训，覆盖企业 146 家。' },
    },
    {
      measure: 4,
      titleZh: '跨境电商出口海外仓备案与退货监管流程优化',
      titleEn: 'Streamline overseas-warehouse filing and returns supervision',
      ownerAgency: 'hangzhou-customs',
      dueDate: day(now, 200),
      milestones: [],
      start: true,
      report: { percent: 20, text: '已完成退货监管流程梳理，形成优化方案初稿。' },
      byCustoms: true,
    },
    {
      measure: 10,
      titleZh: '完善跨境电子商务统计体系，按月发布 9610/9710/9810/1210 数据',
      titleEn: 'Publish monthly CBEC statistics by customs mode',
      ownerAgency: 'zj-commerce',
      // The demo's overdue task: due three weeks ago, still in progress.
      dueDate: day(now, -21),
      milestones: [
        { titleZh: '统计口径确定', titleEn: 'Statistical definitions agreed', dueDate: day(now, -45) },
      ],
      start: true,
      report: { percent: 70, text: '统计口径已与海关、统计局对齐，数据接口联调中。' },
    },
    {
      measure: 13,
      titleZh: '全球数字贸易博览会线上展厅上线',
      titleEn: 'Open the online hall of the Global Digital Trade Expo',
      ownerAgency: 'zj-commerce',
      dueDate: day(now, 60),
      milestones: [],
      start: false,
    },
    {
      measure: 14,
      titleZh: '数字单证（电子提单、原产地证）区块链存证试点',
      titleEn: 'Pilot ledger-anchored digital documents (eBL, certificates of origin)',
      ownerAgency: 'hangzhou-customs',
      dueDate: day(now, 150),
      milestones: [
        { titleZh: '试点企业名单确定', titleEn: 'Pilot enterprises chosen', dueDate: day(now, 20) },
      ],
      start: true,
      report: { percent: 15, text: '已确定 3 家试点企业，完成系统对接方案评审。' },
      byCustoms: true,
    },
    {
      measure: 22,
      titleZh: '发布数字贸易“浙江指数”及年度白皮书',
      titleEn: 'Publish the Zhejiang Digital Trade Index and the annual white paper',
      ownerAgency: 'zj-commerce',
      dueDate: day(now, 90),
      milestones: [],
      start: true,
      done: true,
    },
  ];
  let tasks = 0;
  for (const item of plan) {
    // A customs-owned task needs customs on the hub; without it the commerce department keeps it.
    const reporter = item.byCustoms === true ? customs : office;
    const ownerAgency = reporter === undefined ? 'zj-commerce' : item.ownerAgency;
    let task = await createPolicyTask(deps, office, item.measure, {
      titleZh: item.titleZh,
      titleEn: item.titleEn,
      ownerAgency,
      dueDate: item.dueDate,
    });
    tasks += 1;
    for (const milestone of item.milestones) {
      task = { ...(await addPolicyMilestone(deps, office, task.id, milestone)), warnings: [] };
    }
    if (item.start) {
      task = {
        ...(await updatePolicyTask(deps, office, task.id, { version: task.version, status: 'in_progress' })),
        warnings: [],
      };
    }
    if (item.report !== undefined && reporter !== undefined) {
      await submitPolicyReport(deps, reporter, task.id, { period: quarter, ...item.report, attachments: [] });
    }
    if (item.done === true) {
      await updatePolicyTask(deps, office, task.id, { version: task.version, status: 'done' });
    }
  }
  return { created: true, tasks };
};
