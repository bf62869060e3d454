export { checkZipExpansion, type ZipExpansion, type ZipLimits } from './zip-expansion.ts';
