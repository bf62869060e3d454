export { createPersonalDataVault, PersonalDataError, type PersonalDataVault } from './personal-data.ts';
