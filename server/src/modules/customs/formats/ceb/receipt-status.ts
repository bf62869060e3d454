// Receipt status codes (returnStatus) of reference §1.1, as the strings the receipts carry.

/** returnStatus values of the customs receipts (312/412/512/514/622/624/626/712, export 304/404/.../604). */
export const CEB_RECEIPT_STATUS = {
  /** 电子口岸已暂存 */
  eportSaved: '1',
  /** 电子口岸申报中 */
  eportDeclaring: '2',
  /** 发送海关成功 */
  sentToCustoms: '3',
  /** 发送海关失败 */
  sendToCustomsFailed: '4',
  /** 海关退单 */
  customsRejected: '100',
  /** 海关入库 */
  customsAccepted: '120',
  /** 人工审核 (inventory) */
  manualReview: '300',
  /** 审结 */
  concluded: '399',
  /** 查验 (inventory) */
  inspection: '500',
  /** 查扣转移通关 */
  detainedToClearance: '501',
  /** 查扣转移缉私 */
  detainedToAntiSmuggling: '502',
  /** 查扣转移法规 */
  detainedToLegal: '503',
  /** 其它扣留 */
  otherDetention: '599',
  /** 退运 */
  returned: '700',
  /** 放行 */
  released: '800',
  /** 结关 */
  closed: '899',
} as const;
export type CebReceiptStatus = (typeof CEB_RECEIPT_STATUS)[keyof typeof CEB_RECEIPT_STATUS];

/**
 * CEB816 tax bill / CEB818 tax status `status`. A negative receipt returnStatus (and any negative
 * CEB900 returnStatus) means a processing or format error; it is not listed because its value varies.
 */
export const CEB_TAX_BILL_STATUS = { generated: '1', summarised: '2', voided: '3' } as const;
