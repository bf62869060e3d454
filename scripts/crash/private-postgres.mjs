// A PostgreSQL cluster of the crash test's own: made with initdb in a temporary folder, listening on
// a free port of 127.0.0.1, and killed with SIGKILL as often as the test likes. The machine's own
// PostgreSQL (which other tests and CI use) is never touched. Durable as in production: fsync and
// synchronous_commit on, so what a commit acknowledged must survive a kill.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_ROOT = '/usr/lib/postgresql';

/** The newest installed PostgreSQL's bin folder (Debian lays them out by major version). */
const binDir = () => {
  const versions = readdirSync(BIN_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error(`no PostgreSQL under ${BIN_ROOT}`);
  }
  return join(BIN_ROOT, versions[0], 'bin');
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

// initdb and postgres refuse to run as root: the cluster belongs to the postgres user.
const asPostgres = (command, args) =>
  process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const processAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Children of a process, from /proc (the postmaster's backends and helpers). */
const childrenOf = (pid) =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // Field 4 is the parent pid; the command name (field 2) may contain spaces, so split
        // after its closing parenthesis.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);

export const startPrivatePostgres = async ({ log = () => {} } = {}) => {
  const bin = binDir();
  const dataDir = mkdtempSync(join(tmpdir(), 'tradehub-crash-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dataDir, uid, gid);
  }
  const [initCommand, initArgs] = asPostgres(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--encoding=UTF8',
    '--locale=C',
  ]);
  execFileSync(initCommand, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const start = async () => {
    const [command, args] = asPostgres(join(bin, 'postgres'), [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=on',
      '-c',
      'synchronous_commit=on',
      '-c',
      'max_connections=50',
    ]);
    // Killed through postmaster.pid (runuser stands between): this process need not wait for it.
    spawn(command, args, { stdio: 'ignore', detached: true }).unref();
    for (let i = 0; i < 300; i += 1) {
      try {
        execFileSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q']);
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new Error(`the private PostgreSQL in ${dataDir} did not become ready`);
  };

  /** The postmaster's pid as it wrote it (runuser stands between us and it). */
  const postmasterPid = () => {
    const file = join(dataDir, 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
  };

  /** SIGKILL to the postmaster and every process it started, at once: a power cut, as far as it knows. */
  const kill = async () => {
    const pid = postmasterPid();
    if (pid === undefined || !processAlive(pid)) {
      return;
    }
    const victims = [pid, ...childrenOf(pid)];
    for (const victim of victims) {
      try {
        process.kill(victim, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    // A restart finds the shared memory of any backend still alive and refuses to start.
    for (let i = 0; i < 200 && victims.some(processAlive); i += 1) {
      await sleep(25);
    }
    log(`PostgreSQL killed (${victims.length} processes)`);
  };

  const stop = async () => {
    await kill();
    rmSync(dataDir, { recursive: true, force: true });
  };

  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    restart: async () => {
      await kill();
      await start();
    },
    kill,
    start,
    stop,
  };
};
