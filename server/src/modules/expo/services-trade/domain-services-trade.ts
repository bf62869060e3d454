import catalogueData from './technology-catalogue.json' with { type: 'json' };

// Pure rules of the services-trade records: no I/O, so they are tested on their own.

/** GATS modes of supply: cross-border, consumption abroad, commercial presence, natural persons. */
export const gatsModes = ['mode1', 'mode2', 'mode3', 'mode4'] as const;
export type GatsMode = (typeof gatsModes)[number];

export const serviceContractStatuses = ['active', 'completed', 'terminated'] as const;
export type ServiceContractStatus = (typeof serviceContractStatuses)[number];

// A contract ends once: completed or terminated are final, because their deliveries are facts
// the statistics already counted and a reopened contract would make that history ambiguous.
const serviceTransitions: Readonly<Record<ServiceContractStatus, readonly ServiceContractStatus[]>> = {
  active: ['completed', 'terminated'],
  completed: [],
  terminated: [],
};

export const canMoveServiceContract = (from: ServiceContractStatus, to: ServiceContractStatus): boolean =>
  from === to || serviceTransitions[from].includes(to);

/**
 * Whether a delivery of `valueMinor` fits the contract: the deliveries may add up to the contract
 * value, never beyond it.
 */
export const deliveryFits = (
  contractValueMinor: bigint,
  deliveredMinor: bigint,
  valueMinor: bigint,
): boolean => valueMinor > 0n && deliveredMinor + valueMinor <= contractValueMinor;

/** EBOPS 2010 main category (two letters, SA…SL) of an item code such as SI2 or SJ22. */
export const ebopsCategoryOf = (code: string): string => code.slice(0, 2);

// -------------------------------------------------------------------------------------------------
// Technology import and export contracts (技术进出口合同登记).

export const technologyDirections = ['import', 'export'] as const;
export type TechnologyDirection = (typeof technologyDirections)[number];

/** 自由类 / 限制类 / 禁止类 of the catalogues. */
export const technologyCategories = ['free', 'restricted', 'prohibited'] as const;
export type TechnologyCategory = (typeof technologyCategories)[number];

/**
 * The kinds of technology transfer the registration form distinguishes: 专利权转让, 专利申请权转让,
 * 专利实施许可, 技术秘密许可 (know-how), 技术服务, 计算机软件著作权许可/转让, 商标许可 with
 * technology, and other ways.
 */
export const technologyFields = [
  'patent_assignment',
  'patent_application_assignment',
  'patent_licensing',
  'know_how',
  'technical_services',
  'software_copyright',
  'other',
] as const;
export type TechnologyField = (typeof technologyFields)[number];

export const paymentMethods = ['lump_sum', 'royalty', 'mixed'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const technologyStatuses = ['draft', 'registered', 'cancelled'] as const;
export type TechnologyStatus = (typeof technologyStatuses)[number];

export type CatalogueEntry = {
  id: string;
  direction: TechnologyDirection;
  category: 'restricted' | 'prohibited';
  industryZh: string;
  industryEn: string;
  nameZh: string;
  nameEn: string;
  verified: boolean;
};

const isEntry = (value: { direction: string; category: string }): value is CatalogueEntry =>
  (value.direction === 'import' || value.direction === 'export') &&
  (value.category === 'restricted' || value.category === 'prohibited');

/** The shipped selection of the two catalogues (technology-catalogue.json; every entry unverified). */
export const technologyCatalogue = {
  source: catalogueData.source,
  entries: catalogueData.entries.filter(isEntry),
};

export const findCatalogueEntry = (id: string): CatalogueEntry | undefined =>
  technologyCatalogue.entries.find((entry) => entry.id === id);

/**
 * What the catalogues say about a declared technology: the category is the applicant's
 * declaration, and a restricted or prohibited one must name the catalogue entry it falls under,
 * of the same direction and category. `refused` when the technology is prohibited.
 */
export type TechnologyCheck =
  | { outcome: 'accepted'; category: 'free' | 'restricted'; entry: CatalogueEntry | null }
  | { outcome: 'refused'; entry: CatalogueEntry | null }
  | {
      outcome: 'invalid';
      field: 'catalogueEntry';
      code: 'required' | 'unknown' | 'mismatch' | 'not_allowed';
    };

export const checkTechnology = (input: {
  direction: TechnologyDirection;
  category: TechnologyCategory;
  catalogueEntry: string | null;
}): TechnologyCheck => {
  if (input.category === 'free') {
    return input.catalogueEntry === null
      ? { outcome: 'accepted', category: 'free', entry: null }
      : { outcome: 'invalid', field: 'catalogueEntry', code: 'not_allowed' };
  }
  if (input.catalogueEntry === null) {
    // A prohibited technology is refused whatever entry it would fall under.
    return input.category === 'prohibited'
      ? { outcome: 'refused', entry: null }
      : { outcome: 'invalid', field: 'catalogueEntry', code: 'required' };
  }
  const entry = findCatalogueEntry(input.catalogueEntry);
  if (entry === undefined) {
    return { outcome: 'invalid', field: 'catalogueEntry', code: 'unknown' };
  }
  if (entry.direction !== input.direction || entry.category !== input.category) {
    return { outcome: 'invalid', field: 'catalogueEntry', code: 'mismatch' };
  }
  return entry.category === 'prohibited'
    ? { outcome: 'refused', entry }
    : { outcome: 'accepted', category: 'restricted', entry };
};

/**
 * A registration certificate number in the shape of MOFCOM's (登记证书编号): year, Zhejiang's
 * region code 330000, E or I for the direction, and a six-digit yearly sequence. The shape is
 * this hub's; the authority's own numbers come from its system.
 */
export const registrationNumber = (year: number, direction: TechnologyDirection, sequence: number): string =>
  `${year}330000${direction === 'export' ? 'E' : 'I'}${String(sequence).padStart(6, '0')}`;

/** The day in China (UTC+8): registrations and deliveries are dated by Beijing time. */
export const chinaDay = (at: Date): string =>
  new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** True for a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export const isCalendarDate = (text: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
};
