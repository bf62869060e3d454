// `tradehub log verify`: an operator's (or auditor's) check that the stored transparency log
// agrees with itself: every entry re-hashed, every tile rebuilt, every checkpoint's signature and
// root checked, and a consistency proof between each checkpoint and the one before.
// Exit 0: clean. Exit 1: a mismatch. Exit 2: the check could not run.

import { type Command, CommanderError } from 'commander';
import { migrationSources } from '../migration-sources.ts';
import { createTransparencyLogModule, type VerifyReport } from '../modules/transparency-log/index.ts';
import { type Config, loadConfig } from '../platform/config/index.ts';
import { type Database, loadMigrations, migrationStatus, openCommandDatabase } from '../platform/db/index.ts';
import { createLogger } from '../platform/logging/index.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const cannotRun = (message: string) => new CommanderError(2, 'tradehub.usage', `error: ${message}`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const parseFrom = (text: string | undefined): number => {
  if (text === undefined) {
    return 0;
  }
  if (!/^(0|[1-9][0-9]{0,14})$/.test(text)) {
    throw cannotRun('--from must be a tree size (a whole number)');
  }
  return Number(text);
};

const openChecked = async (config: Config): Promise<Database> => {
  let db: Database;
  try {
    db = await openCommandDatabase(config);
    await db.ping();
  } catch (error) {
    throw cannotRun(`could not open the database: ${messageOf(error)}`);
  }
  // A check reads; it never migrates. A database behind the code has no tiles to compare.
  const status = await migrationStatus(db, await loadMigrations(migrationSources));
  if (status.pending.length > 0 || status.changed.length > 0) {
    await db.close();
    throw cannotRun('the database migrations are not current; run `tradehub migrate` first');
  }
  return db;
};

const progress = (done: number, total: number) => {
  if (process.stderr.isTTY) {
    process.stderr.write(`\rchecked ${done.toLocaleString('en')} of ${total.toLocaleString('en')} entries`);
    if (done === total) {
      process.stderr.write('\n');
    }
  }
};

const printSummary = (origin: string, report: VerifyReport) => {
  say(
    `Checked the log ${origin} from size ${report.from} to ${report.to}: ` +
      `${report.checkedEntries} entries, ${report.checkedCheckpoints} checkpoints, ${report.checkedTiles} tiles.`,
  );
  if (report.checkedEntries === 0 && report.checkedCheckpoints === 0) {
    say('Nothing was checked: the log has nothing beyond the start size.');
  }
  if (report.problems.length === 0) {
    say('No problems found.');
    return;
  }
  say(`${report.problems.length}${report.truncated ? '+' : ''} problems:`);
  for (const problem of report.problems) {
    const where =
      problem.index !== undefined
        ? `entry ${problem.index}`
        : problem.size !== undefined
          ? `size ${problem.size}`
          : '';
    say(`  ${problem.kind.padEnd(22)} ${where.padEnd(14)} ${problem.detail}`);
  }
};

const verify = async (options: { from?: string; json?: boolean }) => {
  const from = parseFrom(options.from);
  const config = loadConfig();
  const db = await openChecked(config);
  try {
    const log = createTransparencyLogModule({
      db,
      logger: createLogger({ level: 'silent' }),
      secretKey: config.secretKey,
      publicUrl: config.publicUrl,
    });
    let report: VerifyReport;
    try {
      report = await log.verifyLog({ from, onProgress: progress });
    } catch (error) {
      throw cannotRun(`the check could not run: ${messageOf(error)}`);
    }
    if (options.json === true) {
      const { state: _state, ...rest } = report;
      say(JSON.stringify({ origin: log.origin, ...rest }, null, 2));
    } else {
      printSummary(log.origin, report);
    }
    if (report.problems.length > 0) {
      // runCli answers any other error with exit 1, the verdict "mismatch".
      throw new Error(`the transparency log does not verify: ${report.problems.length} problems`);
    }
  } finally {
    await db.close();
  }
};

/** Registers `tradehub log verify [--from N] [--json]`. */
export const registerLogCommand = (program: Command) => {
  const log = program.command('log').description('The transparency log');
  log
    .command('verify')
    .description(
      'Rebuild the log from its stored entries and check every tile, checkpoint signature and root, ' +
        'and the consistency between successive checkpoints (exit 0 clean, 1 mismatch, 2 could not run)',
    )
    .option(
      '--from <size>',
      'start at this tree size, trusting its stored tiles (default 0: check everything)',
    )
    .option('--json', 'print the report as JSON')
    .action(verify);
};
