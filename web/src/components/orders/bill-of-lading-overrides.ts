import { validateContainerNumber } from '@tradehub/kernel';

// What the carrier tells the shipper and the order cannot know, for a bill of lading or sea waybill:
// the B/L number, booking, vessel and voyage, dates, and each container with its seal, weight and
// packages. The server takes parties, goods, HS codes, ports from the Incoterms place and the freight
// term from the order (server/src/modules/trade/domain/generate-bill-of-lading.ts); the terms of
// carriage and the issuing carrier still go in the JSON field.

export type BlContainerValues = {
  containerNumber?: string;
  isoCode?: string;
  sealNumber?: string;
  grossWeightKg?: string;
  packageCount?: string;
  packageDescription?: string;
};

export type BlValues = {
  transportDocumentReference?: string;
  transportDocumentTypeCode?: 'BOL' | 'SWB';
  isToOrder?: boolean;
  carrierCode?: string;
  carrierBookingReference?: string;
  vesselName?: string;
  voyageNumber?: string;
  plannedDepartureDate?: string;
  plannedArrivalDate?: string;
  shippedOnBoardDate?: string;
  portOfLoading?: string;
  portOfDischarge?: string;
  containers?: BlContainerValues[];
};

export type BlProblem = 'required' | 'invalid' | 'too_long' | 'arrival_before_departure' | 'swb_to_order';

export type BlErrors = {
  fields: Partial<Record<Exclude<keyof BlValues, 'containers'>, BlProblem>>;
  containers: Partial<Record<keyof BlContainerValues, BlProblem>>[];
  /** No container at all. */
  noContainers: boolean;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNLOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;
/** DCSA floats: at most 12 integer digits and 3 decimals. */
const WEIGHT = /^\d{1,12}(?:\.\d{1,3})?$/;
const COUNT = /^[1-9]\d{0,7}$/;
const ISO_TYPE = /^[0-9A-Z]{4}$/;

const clean = (value: string | undefined): string => (value ?? '').trim();

/** A container number as the carrier prints it: capitals, no spaces. */
const containerNumberOf = (value: string | undefined): string =>
  clean(value).replace(/\s+/g, '').toUpperCase();

/** A weight as DCSA's float reads back: no trailing zeros after the point. */
const floatText = (value: string): string => {
  const whole = value.replace(/^0+(?=\d)/, '');
  return whole.includes('.') ? whole.replace(/0+$/, '').replace(/\.$/, '') : whole;
};

/** Field problems of the B/L section before anything is sent; the server checks the rest. */
export const checkBillOfLading = (values: BlValues): BlErrors => {
  const fields: BlErrors['fields'] = {};
  const need = (key: keyof BlErrors['fields'], max: number, pattern?: RegExp) => {
    const value = clean(values[key] as string | undefined);
    if (value === '') {
      fields[key] = 'required';
    } else if (value.length > max) {
      fields[key] = 'too_long';
    } else if (pattern && !pattern.test(value)) {
      fields[key] = 'invalid';
    }
  };
  need('transportDocumentReference', 20);
  need('carrierCode', 4, /^\S+$/);
  need('carrierBookingReference', 35);
  need('vesselName', 50);
  need('voyageNumber', 50);
  need('plannedDepartureDate', 10, DATE);
  need('plannedArrivalDate', 10, DATE);
  need('shippedOnBoardDate', 10, DATE);
  for (const key of ['portOfLoading', 'portOfDischarge'] as const) {
    const code = clean(values[key]).toUpperCase();
    if (code !== '' && !UNLOCODE.test(code)) {
      fields[key] = 'invalid';
    }
  }
  if (
    !fields.plannedDepartureDate &&
    !fields.plannedArrivalDate &&
    clean(values.plannedArrivalDate) < clean(values.plannedDepartureDate)
  ) {
    fields.plannedArrivalDate = 'arrival_before_departure';
  }
  if (values.transportDocumentTypeCode === 'SWB' && values.isToOrder === true) {
    fields.isToOrder = 'swb_to_order';
  }
  const containers = (values.containers ?? []).map((c) => {
    const errors: Partial<Record<keyof BlContainerValues, BlProblem>> = {};
    const number = containerNumberOf(c.containerNumber);
    if (number === '') {
      errors.containerNumber = 'required';
    } else if (!validateContainerNumber(number).ok) {
      errors.containerNumber = 'invalid';
    }
    const iso = clean(c.isoCode).toUpperCase();
    if (iso !== '' && !ISO_TYPE.test(iso)) {
      errors.isoCode = 'invalid';
    }
    const seal = clean(c.sealNumber);
    if (seal === '') {
      errors.sealNumber = 'required';
    } else if (seal.length > 15) {
      errors.sealNumber = 'too_long';
    }
    const weight = clean(c.grossWeightKg);
    if (weight === '') {
      errors.grossWeightKg = 'required';
    } else if (!WEIGHT.test(weight) || /^0+(\.0*)?$/.test(weight)) {
      errors.grossWeightKg = 'invalid';
    }
    const count = clean(c.packageCount);
    if (count === '') {
      errors.packageCount = 'required';
    } else if (!COUNT.test(count)) {
      errors.packageCount = 'invalid';
    }
    const description = clean(c.packageDescription);
    if (description === '') {
      errors.packageDescription = 'required';
    } else if (description.length > 100) {
      errors.packageDescription = 'too_long';
    }
    return errors;
  });
  return { fields, containers, noContainers: containers.length === 0 };
};

/** True when `checkBillOfLading` found nothing to correct. */
export const billOfLadingIsComplete = (errors: BlErrors): boolean =>
  !errors.noContainers &&
  Object.keys(errors.fields).length === 0 &&
  errors.containers.every((c) => Object.keys(c).length === 0);

/** The B/L section as the overrides the server's bill of lading generator reads. */
export const billOfLadingOverrides = (values: BlValues): Record<string, unknown> => {
  const port = (code: string | undefined) =>
    clean(code) === '' ? undefined : { UNLocationCode: clean(code).toUpperCase() };
  const portOfLoading = port(values.portOfLoading);
  const portOfDischarge = port(values.portOfDischarge);
  return {
    transportDocumentReference: clean(values.transportDocumentReference),
    transportDocumentTypeCode: values.transportDocumentTypeCode ?? 'BOL',
    isToOrder: values.isToOrder === true,
    carrierCode: clean(values.carrierCode).toUpperCase(),
    carrierBookingReference: clean(values.carrierBookingReference),
    shippedOnBoardDate: clean(values.shippedOnBoardDate),
    transports: {
      plannedDepartureDate: clean(values.plannedDepartureDate),
      plannedArrivalDate: clean(values.plannedArrivalDate),
      ...(portOfLoading ? { portOfLoading } : {}),
      ...(portOfDischarge ? { portOfDischarge } : {}),
      vesselVoyages: [
        { vesselName: clean(values.vesselName), carrierExportVoyageNumber: clean(values.voyageNumber) },
      ],
    },
    containers: (values.containers ?? []).map((c) => {
      const iso = clean(c.isoCode).toUpperCase();
      return {
        equipmentReference: containerNumberOf(c.containerNumber),
        ...(iso === '' ? {} : { ISOEquipmentCode: iso }),
        seals: [{ number: clean(c.sealNumber) }],
        cargoGrossWeight: { value: floatText(clean(c.grossWeightKg)), unit: 'KGM' },
        outerPackaging: {
          numberOfPackages: Number(clean(c.packageCount)),
          description: clean(c.packageDescription),
        },
      };
    }),
  };
};
