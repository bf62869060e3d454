import type {
  IpAgreement,
  IpAsset,
  IpKind,
  NewIpAgreement,
  NewIpAsset,
  NewIpListing,
} from '../../../api/expo-ip.ts';

// Pure helpers of the IP registry pages: form values to request bodies, and display choices.

/** Items of a comma-, semicolon- or newline-separated text, trimmed, without blanks or repeats. */
export const splitList = (text: string | undefined): string[] => [
  ...new Set(
    (text ?? '')
      .split(/[,;，；\n]/)
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  ),
];

/** Nice classes from text ("9, 35 42"): whole numbers 1 to 45; undefined when any is not one. */
export const parseNiceClasses = (text: string | undefined): number[] | undefined => {
  const items = (text ?? '').split(/[\s,;，；]+/).filter((item) => item.length > 0);
  const numbers = items.map((item) => (/^\d{1,2}$/.test(item) ? Number(item) : Number.NaN));
  return numbers.every((n) => n >= 1 && n <= 45) ? [...new Set(numbers)].sort((a, b) => a - b) : undefined;
};

/** A royalty or asking percent as the server takes it: a decimal string above 0, at most 100, 4 decimals. */
export const isPercent = (text: string): boolean =>
  /^(?:100(?:\.0{1,4})?|\d{1,2}(?:\.\d{1,4})?)$/.test(text) && Number(text) > 0;

export const REGISTERED_KINDS: readonly IpKind[] = ['patent', 'utility_model', 'design', 'trademark'];

export type AssetFormValues = {
  kind: IpKind;
  titleZh: string;
  titleEn: string;
  registryNumber?: string;
  jurisdiction: string;
  filingDate?: string;
  grantDate?: string;
  expiryDate?: string;
  status: NewIpAsset['status'];
  niceClasses?: string;
  ipcClasses?: string;
  secretDocumentSha256?: string;
  coOwnerNames?: string;
  publish?: boolean;
};

/** The request body of a new asset; the holder is an owner, co-owning persons by name only. */
export const assetInput = (values: AssetFormValues, holderId: string): NewIpAsset => {
  const secret = values.kind === 'trade_secret_reference';
  const nice = values.kind === 'trademark' ? parseNiceClasses(values.niceClasses) : undefined;
  const persons = splitList(values.coOwnerNames).map((personName) => ({ personName }));
  return {
    kind: values.kind,
    titleZh: values.titleZh.trim(),
    titleEn: values.titleEn.trim(),
    registryNumber: secret ? null : values.registryNumber?.trim() || null,
    jurisdiction: values.jurisdiction,
    filingDate: values.filingDate || null,
    grantDate: values.grantDate || null,
    expiryDate: values.expiryDate || null,
    status: values.status,
    ...(nice === undefined ? {} : { niceClasses: nice }),
    ...(values.kind === 'patent' || values.kind === 'utility_model'
      ? { ipcClasses: splitList(values.ipcClasses) }
      : {}),
    ...(secret ? { secretDocumentSha256: values.secretDocumentSha256 ?? null } : {}),
    owners: [{ organisationId: holderId }, ...persons],
    // A trade secret stays a draft: the server refuses to publish one.
    visibility: values.publish === true && !secret ? 'published' : 'draft',
  };
};

export type AgreementFormValues = {
  kind: 'licence' | 'assignment';
  counterpartyKind: 'organisation' | 'named';
  counterpartyOrganisationId?: string;
  counterpartyName?: string;
  exclusivity?: NewIpAgreement['exclusivity'];
  territory?: string[];
  fieldOfUse?: string;
  termStart: string;
  termEnd?: string;
  royaltyKind: 'none' | 'lump_sum' | 'percent';
  royaltyAmount?: string;
  royaltyCurrency?: string;
  royaltyPercent?: string;
};

export const agreementInput = (values: AgreementFormValues): NewIpAgreement => {
  const counterparty =
    values.kind === 'assignment' || values.counterpartyKind === 'organisation'
      ? { organisationId: (values.counterpartyOrganisationId ?? '').trim() }
      : { name: (values.counterpartyName ?? '').trim() };
  return {
    kind: values.kind,
    counterparty,
    ...(values.kind === 'licence' ? { exclusivity: values.exclusivity ?? 'non_exclusive' } : {}),
    territory: values.territory ?? [],
    ...(values.fieldOfUse?.trim() ? { fieldOfUse: values.fieldOfUse.trim() } : {}),
    termStart: values.termStart,
    termEnd: values.termEnd || null,
    royalty:
      values.royaltyKind === 'lump_sum'
        ? {
            kind: 'lump_sum',
            amount: {
              amount: (values.royaltyAmount ?? '').trim(),
              currency: values.royaltyCurrency ?? 'CNY',
            },
          }
        : values.royaltyKind === 'percent'
          ? { kind: 'percent', percent: (values.royaltyPercent ?? '').trim() }
          : { kind: 'none' },
  };
};

export type ListingFormValues = {
  assetIds: string[];
  deal: NewIpListing['deal'];
  pitchZh: string;
  pitchEn: string;
  fields?: string;
  askingKind: 'negotiable' | 'price' | 'royalty';
  askingAmount?: string;
  askingCurrency?: string;
  askingPercent?: string;
  publish?: boolean;
};

export const listingInput = (values: ListingFormValues): NewIpListing => ({
  assetIds: values.assetIds,
  deal: values.deal,
  pitchZh: values.pitchZh.trim(),
  pitchEn: values.pitchEn.trim(),
  fields: splitList(values.fields),
  asking:
    values.askingKind === 'price'
      ? {
          kind: 'price',
          amount: { amount: (values.askingAmount ?? '').trim(), currency: values.askingCurrency ?? 'CNY' },
        }
      : values.askingKind === 'royalty'
        ? { kind: 'royalty', percent: (values.askingPercent ?? '').trim() }
        : { kind: 'negotiable' },
  status: values.publish === true ? 'published' : 'draft',
});

/** The title in the UI language, falling back to the other one. */
export const titleIn = (language: string, item: { titleZh?: string | null; titleEn?: string | null }) =>
  (language === 'zh-CN' ? item.titleZh || item.titleEn : item.titleEn || item.titleZh) ?? '';

export const nameIn = (language: string, ref: { name: string; nameZh: string }) =>
  language === 'zh-CN' ? ref.nameZh || ref.name : ref.name || ref.nameZh;

/** A royalty or asking term as one line: "3.5 %", "CNY 50000.00", or the negotiable label. */
export const termsText = (
  terms: { amount: { amount: string; currency: string } | null; percent: string | null },
  none: string,
) =>
  terms.percent !== null
    ? `${terms.percent} %`
    : terms.amount !== null
      ? `${terms.amount.currency} ${terms.amount.amount}`
      : none;

/** What the counterparty may do with an agreement now. */
export const canAccept = (agreement: Pick<IpAgreement, 'myRole' | 'status'>) =>
  agreement.myRole === 'counterparty' && agreement.status === 'awaiting_acceptance';

export const assetRegistryText = (asset: Pick<IpAsset, 'registryNumber' | 'jurisdiction'>) =>
  asset.registryNumber === null ? asset.jurisdiction : `${asset.jurisdiction} ${asset.registryNumber}`;

/**
 * The SHA-256 of a file, computed in the browser: a trade secret's document never leaves the
 * user's machine, only its hash goes to the hub.
 */
export const sha256OfFile = async (file: Blob): Promise<string> => {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
};
