// Throwaway PostgreSQL clusters for tests and CI.
//
//   import { startTemporaryPostgres } from './lib/postgres.mjs'
//   const pg = await startTemporaryPostgres()       // or ({ settings: { shared_buffers: '1GB' } })
//   pg.url                          // postgres://postgres@127.0.0.1:PORT/rapport
//   const other = pg.createDatabase('other') // -> url (synchronous; `await` works too)
//   await pg.stop()                 // stops the server and deletes the data dir
//
// The cluster matches PGlite's locale (datcollate=C, datctype=C.UTF-8), uses trust auth,
// listens on 127.0.0.1 only and runs with fsync=off. As root, initdb/pg_ctl are run as the
// `postgres` user through `su`, because PostgreSQL refuses to run as root.
//
// Only node builtins are used. Servers still running when the process exits (normal exit,
// uncaught exception, SIGINT/SIGTERM/SIGHUP) are stopped synchronously. SIGKILL can't be caught.

import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** Servers started by this process and not stopped yet. */
const live = new Set();

/** Quote one word for /bin/sh. */
function shq(s) {
  s = String(s);
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Environment for the PostgreSQL binaries: no PG* variables that could redirect them. */
function cleanEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('PG') && k !== 'PG_BIN') delete env[k];
  return env;
}

function hasPgCtl(dir) {
  try {
    accessSync(path.join(dir, 'pg_ctl'), constants.X_OK);
    accessSync(path.join(dir, 'initdb'), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** PG_BIN env, else `pg_config --bindir`, else the newest /usr/lib/postgresql/<ver>/bin. */
export function findPostgresBinDir() {
  const tried = [];
  if (process.env.PG_BIN) {
    if (hasPgCtl(process.env.PG_BIN)) return process.env.PG_BIN;
    throw new Error(`PG_BIN=${process.env.PG_BIN} does not contain executable pg_ctl and initdb.`);
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (dir && hasPgCtl(dir)) return dir;
    tried.push(`pg_config --bindir = ${dir} (no pg_ctl/initdb there)`);
  } catch {
    tried.push('pg_config (not found)');
  }
  const base = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = readdirSync(base)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => parseFloat(b) - parseFloat(a));
  } catch {
    /* no such dir */
  }
  for (const v of versions) {
    const dir = path.join(base, v, 'bin');
    if (hasPgCtl(dir)) return dir;
  }
  tried.push(`${base}/*/bin (${versions.length ? 'no pg_ctl/initdb' : 'nothing installed'})`);
  throw new Error(
    `PostgreSQL server binaries (initdb, pg_ctl) not found. Tried: ${tried.join('; ')}.\n` +
      `Install them (Debian/Ubuntu: apt-get install postgresql-15, or postgresql) ` +
      `or set PG_BIN to the directory that holds pg_ctl.`,
  );
}

/** uid/gid of the `postgres` system user (needed when running as root). */
function postgresUser() {
  try {
    const uid = Number(
      execFileSync('id', ['-u', 'postgres'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    const gid = Number(
      execFileSync('id', ['-g', 'postgres'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    if (Number.isInteger(uid) && Number.isInteger(gid)) return { uid, gid };
  } catch {
    /* fall through */
  }
  throw new Error(
    'Running as root, but there is no `postgres` system user to run PostgreSQL as ' +
      '(initdb refuses to run as root). Install the postgresql package (it creates the user) or run as a normal user.',
  );
}

/** The argv that runs `bin args...`, as the postgres user when we are root. */
function commandFor(binDir, bin, args) {
  const exe = path.join(binDir, bin);
  if (!IS_ROOT) return [exe, args];
  return ['su', ['postgres', '-s', '/bin/bash', '-c', [exe, ...args].map(shq).join(' ')]];
}

function runAsync(binDir, bin, args, opts) {
  const [file, argv] = commandFor(binDir, bin, args);
  return new Promise((resolve, reject) => {
    execFile(file, argv, { encoding: 'utf8', env: cleanEnv(), ...opts }, (err, stdout, stderr) => {
      if (err) {
        err.message = `${bin} failed (${err.code ?? err.signal}): ${String(stderr || stdout).trim() || err.message}`;
        reject(err);
      } else resolve(stdout);
    });
  });
}

function runSync(binDir, bin, args, opts) {
  const [file, argv] = commandFor(binDir, bin, args);
  return spawnSync(file, argv, {
    encoding: 'utf8',
    env: cleanEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...opts,
  });
}

/** Ask the OS for a free TCP port on 127.0.0.1. */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/** Stop a server synchronously (used by the exit/signal hooks). */
function stopSync(server) {
  if (!live.delete(server)) return;
  const { binDir, dataDir } = server;
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
    const r = runSync(binDir, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop'], {
      cwd: '/',
    });
    if (r.status !== 0)
      runSync(binDir, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop'], {
        cwd: '/',
      });
  }
  rmSync(dataDir, { recursive: true, force: true });
}

let hooksInstalled = false;
function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const s of [...live]) stopSync(s);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    const onSignal = () => {
      // If the caller installed its own handler for this signal, it decides when to exit
      // (e.g. after its child process ends); the 'exit' hook above still cleans up then.
      if (process.listenerCount(sig) > 1) return;
      for (const s of [...live]) stopSync(s);
      process.removeListener(sig, onSignal);
      process.kill(process.pid, sig); // re-raise: default behaviour and exit status
    };
    process.on(sig, onSignal);
  }
}

/**
 * Start a throwaway PostgreSQL server with a `rapport` database.
 * @param {{ port?: number }} [options] port defaults to a free one chosen by the OS.
 * @returns {Promise<{ url: string, adminUrl: string, port: number, dataDir: string, binDir: string,
 *   createDatabase(name: string): string, stop(): Promise<void> }>}
 */
export async function startTemporaryPostgres({ port, settings = {} } = {}) {
  const binDir = findPostgresBinDir();
  const owner = IS_ROOT ? postgresUser() : null;

  // Fresh, empty data dir (owned by `postgres` when we are root).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rapport-pg-'));
  const server = { binDir, dataDir };
  live.add(server);
  installExitHooks();
  const fail = (err) => {
    stopSync(server);
    throw err;
  };

  try {
    if (owner) {
      chownSync(dataDir, owner.uid, owner.gid);
      const probe = runSync(binDir, 'pg_ctl', ['--version'], { cwd: dataDir });
      if (probe.status !== 0)
        throw new Error(
          `The postgres user cannot use ${dataDir} (is ${os.tmpdir()} accessible to it? set TMPDIR=/tmp): ${probe.stderr}`,
        );
    }

    // Cluster with the same locale as PGlite: byte-order collation, UTF-8 ctype.
    await runAsync(
      binDir,
      'initdb',
      [
        '-D',
        dataDir,
        '-E',
        'UTF8',
        '--lc-collate=C',
        '--lc-ctype=C.UTF-8',
        '--lc-messages=C',
        '--lc-monetary=C',
        '--lc-numeric=C',
        '--lc-time=C',
        '--auth=trust',
        '-U',
        'postgres',
        '--no-sync',
      ],
      { cwd: dataDir },
    );

    // Start it; if the OS-chosen port got taken in the meantime, try another one.
    const logFile = path.join(dataDir, 'server.log');
    for (let attempt = 1; ; attempt++) {
      const p = port ?? (await findFreePort());
      const extra = Object.entries(settings).map(([name, value]) => ` -c ${name}=${shq(value)}`);
      const opts = `-p ${p} -c listen_addresses=127.0.0.1 -k ${shq(dataDir)} -c fsync=off -c max_connections=200${extra.join('')}`;
      try {
        await runAsync(binDir, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-o', opts, '-w', '-t', '60', 'start'], {
          cwd: dataDir,
        });
        server.port = p;
        break;
      } catch (err) {
        const log = tail(logFile);
        if (port == null && attempt < 3 && /could not (bind|create listen)|already in use/i.test(log)) continue;
        err.message += `\n--- ${logFile} (last lines) ---\n${log}`;
        throw err;
      }
    }
  } catch (err) {
    fail(err);
  }

  const p = server.port;
  const base = `postgres://postgres@127.0.0.1:${p}`;
  const adminUrl = `${base}/postgres`;

  /** Create a database (synchronously) and return its URL. */
  function createDatabase(name) {
    if (typeof name !== 'string' || !name || name.length > 63 || name.includes('\0'))
      throw new Error(`invalid database name: ${JSON.stringify(name)}`);
    const sql = `CREATE DATABASE "${name.replace(/"/g, '""')}"`;
    const r = spawnSync(
      path.join(binDir, 'psql'),
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(p), '-U', 'postgres', '-d', 'postgres', '-c', sql],
      { encoding: 'utf8', env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`psql: ${sql} failed: ${(r.stderr || r.stdout).trim()}`);
    return `${base}/${encodeURIComponent(name)}`;
  }

  let stopping = null;
  /** Stop the server and delete its data dir. Safe to call more than once. */
  function stop() {
    stopping ??= (async () => {
      if (!live.has(server)) return; // already stopped by an exit/signal hook
      try {
        await runAsync(binDir, 'pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop'], {
          cwd: '/',
        });
      } catch (err) {
        if (existsSync(path.join(dataDir, 'postmaster.pid')))
          process.emitWarning(`pg_ctl fast stop failed, using immediate mode: ${err.message}`);
      }
      stopSync(server); // forgets the server; stops it in immediate mode if still running; rm -rf
    })();
    return stopping;
  }

  let url;
  try {
    url = createDatabase('rapport');
  } catch (err) {
    fail(err);
  }

  return { url, adminUrl, port: p, dataDir, binDir, createDatabase, stop };
}
