/** A log a witness cosigns for: its origin and the Ed25519 key its checkpoints are signed with. */
export type WitnessLog = { origin: string; verifierKey: string };
