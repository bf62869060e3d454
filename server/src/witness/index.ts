// The standalone witness (c2sp.org/tlog-witness): what `tradehub witness` runs, and what the demo
// and tests run in-process. It uses the verifier package and platform helpers, never a module.

export { type WitnessErrorCode, witnessErrorCodes } from './errors.ts';
export {
  createWitnessHttpServer,
  type WitnessHttpServer,
  type WitnessHttpServerOptions,
} from './http-server.ts';
export {
  createMemoryWitnessStore,
  type FileWitnessStore,
  openFileWitnessStore,
  type PinnedLog,
  type WitnessLogState,
  type WitnessStore,
} from './store.ts';
export type { WitnessLog } from './types.ts';
export {
  createWitness,
  type Witness,
  type WitnessAnswer,
  type WitnessOptions,
  type WitnessVerdict,
} from './witness.ts';
