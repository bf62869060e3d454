import type { Explanation, FactorKey } from './scorecard.ts';

// The sentences behind each explanation key, in both languages, so that an API caller without the
// web app's dictionary (a bank's loan system) reads the same text a person sees. The web app has
// the same templates under `credit.explain.<key>` (the {name} placeholders are the figures).
const templates: Record<string, { en: string; 'zh-CN': string }> = {
  tradeVolume: {
    en: 'completed orders: {completed} in the last {months} months -> {points} of {max} points',
    'zh-CN': '已完成订单：近 {months} 个月 {completed} 笔 -> {points} / {max} 分',
  },
  orderReliability: {
    en: 'orders concluded: {completed} completed, {cancelled} cancelled in the last {months} months -> {points} of {max} points',
    'zh-CN': '订单履约：近 {months} 个月完成 {completed} 笔、取消 {cancelled} 笔 -> {points} / {max} 分',
  },
  orderReliabilityNone: {
    en: 'orders concluded: none in the last {months} months -> {points} of {max} points',
    'zh-CN': '订单履约：近 {months} 个月无已结束订单 -> {points} / {max} 分',
  },
  counterparties: {
    en: 'distinct counterparties of completed orders: {counterparties} -> {points} of {max} points',
    'zh-CN': '已完成订单的不同交易对手：{counterparties} 家 -> {points} / {max} 分',
  },
  settlement: {
    en: 'escrow settlements: {released} released as buyer, {split} split by a mediator, {refunded} refunded as seller (-{penalty}) -> {points} of {max} points',
    'zh-CN':
      '托管结算：作为买方放款 {released} 笔，调解拆分 {split} 笔，作为卖方退款 {refunded} 笔（扣 {penalty} 分） -> {points} / {max} 分',
  },
  settlementNone: {
    en: 'escrow settlements: no settled escrow in the ledger -> {points} of {max} points',
    'zh-CN': '托管结算：账本中无已结算的托管 -> {points} / {max} 分',
  },
  tenure: {
    en: 'tenure: {months} months on the hub -> {points} of {max} points',
    'zh-CN': '注册时长：在平台 {months} 个月 -> {points} / {max} 分',
  },
  financing: {
    en: 'financing: {repaid} repaid, {overdue} overdue (-{penalty}) -> {points} of {max} points',
    'zh-CN': '融资记录：已还款 {repaid} 笔，逾期 {overdue} 笔（扣 {penalty} 分） -> {points} / {max} 分',
  },
  financingNone: {
    en: 'financing: no financing history -> {points} of {max} points',
    'zh-CN': '融资记录：无融资历史 -> {points} / {max} 分',
  },
  disputes: {
    en: 'disputes lost: {lost} -> {points} points (at most {min})',
    'zh-CN': '败诉争议：{lost} 起 -> {points} 分（最低 {min}）',
  },
  disputesNotRecorded: {
    en: 'disputes lost: not recorded yet (the hub has no disputes module) -> {points} points',
    'zh-CN': '败诉争议：平台尚无争议模块，暂无记录 -> {points} 分',
  },
};

export type ExplanationLocale = 'en' | 'zh-CN';

export const explanationKeys: readonly string[] = Object.keys(templates);

/** The explanation as a sentence with its figures filled in. */
export const explanationText = (explanation: Explanation, locale: ExplanationLocale): string => {
  const template = templates[explanation.key];
  if (template === undefined) {
    throw new RangeError(`no explanation text for ${explanation.key}`);
  }
  return template[locale].replaceAll(/\{(\w+)\}/g, (match, name: string) => {
    const value = explanation.values[name];
    return value === undefined ? match : String(value);
  });
};

/** What each factor measures, for the published scorecard. */
export const factorDescriptions: Record<FactorKey, { en: string; 'zh-CN': string }> = {
  tradeVolume: {
    en: 'Orders the organisation sold or bought that both parties walked to completed in the window, by steps.',
    'zh-CN': '统计期内由买卖双方走完流程并完成的订单数（按档计分）。',
  },
  orderReliability: {
    en: 'Share of the orders concluded in the window (completed or cancelled) that completed.',
    'zh-CN': '统计期内已结束订单（完成或取消）中完成的比例。',
  },
  counterparties: {
    en: 'Distinct verified counterparty organisations of the completed orders: less dependence on one buyer or seller.',
    'zh-CN': '已完成订单中经核实的不同交易对手数量，反映对单一客户的依赖程度。',
  },
  settlement: {
    en: 'Order escrows the ledger released to the seller when the organisation bought, by steps; minus a penalty for each escrow a mediator split and each sale refunded to the buyer.',
    'zh-CN':
      '作为买方、账本已放款给卖方的订单托管（按档计分）；每笔经调解拆分的托管和每笔作为卖方被退款的托管扣分。',
  },
  tenure: {
    en: 'Whole months since the organisation registered on the hub, by steps.',
    'zh-CN': '机构在平台注册的整月数（按档计分）。',
  },
  financing: {
    en: 'Financing requests repaid through the ledger, by steps; minus a penalty for each disbursed one past its tenor unrepaid.',
    'zh-CN': '经账本还款的融资笔数（按档计分）；每笔已放款且超过期限未还的融资扣分。',
  },
  disputes: {
    en: 'A penalty for each dispute the organisation lost; no disputes module records outcomes yet, so it is 0 for everyone.',
    'zh-CN': '每起败诉争议扣分；平台尚无争议模块记录结果，目前对所有机构均为 0。',
  },
};
