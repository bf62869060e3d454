// The witnesses this hub's log asks to cosign its checkpoints. In production they are independent
// services (`tradehub witness`, run by a customs office, a bank); for a trial the demo runs two in
// this process, so checkpoints carry cosignatures from the first start without any setup.

import { hkdfSync } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { generateWitnessKey, parseWitnessSignerKey } from '@tradehub/verifier';
import type { LogWitness } from '../modules/transparency-log/index.ts';
import type { WitnessSetting } from '../platform/config/index.ts';
import { createMemoryWitnessStore, createWitness, openFileWitnessStore } from '../witness/index.ts';

/** The demo's two in-process witnesses: who they stand for, and the label their key derives from. */
const demoParties = [
  { label: 'customs-office', part: 'customs' },
  { label: 'bank', part: 'bank' },
] as const;

const demoSeed = (secretKey: Uint8Array, label: string): Uint8Array =>
  new Uint8Array(
    hkdfSync(
      'sha256',
      secretKey,
      Buffer.from('tradehub'),
      Buffer.from(`tradehub demo witness ${label} v1`),
      32,
    ),
  );

export type DemoWitnessOptions = {
  secretKey: Uint8Array;
  publicUrl: string;
  log: { origin: string; verifierKey: string };
  /** Where each witness keeps the last size it cosigned; in memory when absent (tests). */
  dataDir?: string;
  now: () => Date;
};

/**
 * The demo witnesses, named `<party>.witness.<hub host>`. Their keys derive from the hub secret,
 * so they survive restarts; so does their state when a data directory is given.
 */
export const createDemoWitnesses = async (options: DemoWitnessOptions): Promise<ConfiguredWitnesses> => {
  const closers: (() => Promise<void>)[] = [];
  const host = new URL(options.publicUrl).host.replace(':', '-');
  const witnesses: LogWitness[] = [];
  for (const party of demoParties) {
    const name = `${party.part}.witness.${host}`;
    const keys = generateWitnessKey(name, demoSeed(options.secretKey, party.label));
    const signer = parseWitnessSignerKey(keys.signerKey);
    if (!signer.ok) {
      throw new Error(`demo witness key: ${signer.message}`);
    }
    let store = createMemoryWitnessStore();
    if (options.dataDir !== undefined) {
      await mkdir(join(options.dataDir, 'witnesses'), { recursive: true, mode: 0o700 });
      const file = await openFileWitnessStore(join(options.dataDir, 'witnesses', `${party.label}.json`));
      closers.push(file.close);
      store = file;
    }
    const witness = createWitness({ name, signer: signer.key, logs: [options.log], store, now: options.now });
    witnesses.push({
      name,
      verifierKey: witness.verifierKey,
      transport: { kind: 'in-process', addCheckpoint: witness.addCheckpoint },
    });
  }
  return {
    witnesses,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
    },
  };
};

/** The log's witnesses, and how to release what they hold (state files) when the hub stops. */
export type ConfiguredWitnesses = { witnesses: LogWitness[]; close: () => Promise<void> };

const nothingToClose = async () => undefined;

/** The log's witnesses for a setting. */
export const resolveWitnesses = async (
  setting: WitnessSetting,
  demo: Omit<DemoWitnessOptions, 'dataDir'> & { dataDir?: string },
): Promise<ConfiguredWitnesses> => {
  switch (setting.kind) {
    case 'none':
      return { witnesses: [], close: nothingToClose };
    case 'demo':
      return createDemoWitnesses(demo);
    case 'external':
      return {
        witnesses: setting.witnesses.map((w) => ({
          name: w.name,
          verifierKey: w.verifierKey,
          transport: { kind: 'http', url: w.url },
        })),
        close: nothingToClose,
      };
  }
};
