// The public entry of @tradehub/kernel: pure domain primitives for the server, the web app and the
// verifier. Nothing here does I/O; each export is documented where it is declared.

export type { JsonValue } from './canonical-json.ts';
export { canonicalize, canonicalizeToBytes } from './canonical-json.ts';
export type { Country, CountryCode } from './codes/countries.ts';
export {
  countryByAlpha2,
  countryByAlpha3,
  isCountryCode,
  listCountries,
  parseCountryCode,
} from './codes/countries.ts';
export { CsvError, formatCsv, parseCsv } from './codes/csv.ts';
export type { Currency, CurrencyCode } from './codes/currencies.ts';
export { currencyByCode, isCurrencyCode, listCurrencies, parseCurrencyCode } from './codes/currencies.ts';
export type { HsEntry, HsIndex, HsLevel } from './codes/hs.ts';
export { isHsCodeFormat, normalizeHsCode, parseHsCsv } from './codes/hs.ts';
export type { UnitCode, UnitCodeEntry } from './codes/unit-codes.ts';
export { isUnitCode, listUnitCodes, unitCodeName } from './codes/unit-codes.ts';
export type {
  UnlocodeCheck,
  UnlocodeCoordinates,
  UnlocodeEntry,
  UnlocodeFunction,
  UnlocodeSearchOptions,
} from './codes/unlocode.ts';
export {
  checkUnlocode,
  normalizeUnlocode,
  parseUnecePartCsv,
  parseUnlocodeCoordinates,
  parseUnlocodeCsv,
  UnlocodeIndex,
  unlocodeFunctions,
} from './codes/unlocode.ts';
export type { Utf8DecodeOptions } from './encoding.ts';
export {
  constantTimeEqual,
  fromBase64Url,
  fromHex,
  toBase64Url,
  toHex,
  utf8Decode,
  utf8Encode,
} from './encoding.ts';
export type { AppErrorOptions, FieldError, KernelFieldErrorCode } from './errors.ts';
export {
  AppError,
  AssertionError,
  assert,
  isAppError,
  isAppErrorCode,
  KERNEL_ERROR_CODES,
  KERNEL_FIELD_ERROR_CODES,
} from './errors.ts';
export type { Sha256 } from './hash.ts';
export { createSha256, sha256, sha256Hex } from './hash.ts';
export { containerCheckDigit, validateContainerNumber } from './identifiers/container-number.ts';
export { validateCustomsRegistrationCode } from './identifiers/customs-registration-code.ts';
export { validateEmail } from './identifiers/email.ts';
export { validateEori } from './identifiers/eori.ts';
export { leiCheckDigits, validateLei } from './identifiers/lei.ts';
export type { PrcIdNumberOptions } from './identifiers/prc-id-number.ts';
export { maskPrcIdNumber, prcIdCheckCharacter, validatePrcIdNumber } from './identifiers/prc-id-number.ts';
export type { ValidationResult } from './identifiers/result.ts';
export { toFieldError } from './identifiers/result.ts';
export { usccCheckCharacter, validateUscc } from './identifiers/uscc.ts';
export type {
  ApiKeyId,
  AuditId,
  DeclarationId,
  DocumentId,
  EventId,
  Id,
  IdPrefix,
  InvitationId,
  MembershipId,
  NewIdOptions,
  OrderId,
  OrganisationId,
  RequestId,
  SessionId,
  ShipmentId,
  TransferId,
  UserId,
} from './ids.ts';
export { ID_PREFIXES, idTimestampMs, isId, newId, parseId } from './ids.ts';
export type { Money, MoneyJson, RoundingMode } from './money.ts';
export {
  addMoney,
  allocateMoney,
  compareMoney,
  DEFAULT_ROUNDING,
  formatMoneyAmount,
  isZero,
  minorUnitOf,
  money,
  moneyFromJson,
  moneyToJson,
  multiplyMoney,
  negate,
  parseMoney,
  subtractMoney,
} from './money.ts';
