import {
  isCountryCode,
  validateCustomsRegistrationCode,
  validateEori,
  validateLei,
  validateUscc,
} from '@tradehub/kernel';
import { z } from 'zod';
import { organisationKinds } from './organisation-kinds.ts';

type IdentifierResult = { ok: true; value: string } | { ok: false; code: string; message: string };

// A kernel check-digit validator as a Zod field: the field code (e.g. kernel.invalid_check_digit)
// travels in the issue's params so the problem document names it, and the value is normalised.
// Empty string and null both clear the field. One transform rather than a union, because a union
// reports only "invalid input" and would lose the field code.
const optionalIdentifier = (validate: (value: string) => IdentifierResult) =>
  z
    .string()
    .trim()
    .max(64)
    .nullable()
    .transform((value, ctx) => {
      if (value === null || value === '') {
        return null;
      }
      const result = validate(value);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
        return z.NEVER;
      }
      return result.value;
    });

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value === '' ? null : value));

export const ZCountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((value) => isCountryCode(value), {
    message: 'not an ISO 3166-1 alpha-2 country code',
    params: { code: 'kernel.unknown_code' },
  });

export const ZUnlocodeInput = z
  .string()
  .trim()
  .toUpperCase()
  .nullable()
  .transform((value, ctx) => {
    if (value === null || value === '') {
      return null;
    }
    if (!/^[A-Z]{2}[A-Z2-9]{3}$/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message: 'a UN/LOCODE is 2 letters and 3 of A-Z, 2-9',
        params: { code: 'kernel.invalid_format' },
      });
      return z.NEVER;
    }
    return value;
  });

export const ZAddress = z
  .object({
    street: optionalText(200),
    city: optionalText(100),
    postcode: optionalText(20),
    unlocode: ZUnlocodeInput,
  })
  .partial()
  .strict();

const identifierFields = {
  uscc: optionalIdentifier(validateUscc),
  customsCode: optionalIdentifier(validateCustomsRegistrationCode),
  eori: optionalIdentifier(validateEori),
  lei: optionalIdentifier(validateLei),
  website: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .transform((value, ctx) => {
      if (value === null || value === '') {
        return null;
      }
      if (!/^https?:\/\/[^\s/$.?#].[^\s]*$/i.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: 'an http(s) address',
          params: { code: 'kernel.invalid_format' },
        });
        return z.NEVER;
      }
      return value;
    }),
};

/** Body of `POST /api/orgs`. */
export const ZCreateOrganisation = z
  .object({
    nameZh: text(200),
    nameEn: text(200),
    kind: z.enum(organisationKinds),
    country: ZCountryCode,
    ...identifierFields,
    address: ZAddress,
  })
  .partial({ uscc: true, customsCode: true, eori: true, lei: true, website: true, address: true })
  .strict();

/** Body of `PATCH /api/orgs/:orgId`: any subset of the editable fields. */
export const ZUpdateOrganisation = z
  .object({
    nameZh: text(200),
    nameEn: text(200),
    country: ZCountryCode,
    ...identifierFields,
    address: ZAddress,
  })
  .partial()
  .strict();

export type CreateOrganisationInput = z.output<typeof ZCreateOrganisation>;
export type UpdateOrganisationInput = z.output<typeof ZUpdateOrganisation>;
