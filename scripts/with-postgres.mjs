#!/usr/bin/env node
// Run a command against a throwaway PostgreSQL server.
//
//   node scripts/with-postgres.mjs <command> [args...]
//   e.g. node scripts/with-postgres.mjs vitest run
//
// Starts a temporary PostgreSQL (scripts/lib/postgres.mjs), runs the command with
// TEST_DATABASE_URL set, stops the server and exits with the command's exit code.
// If TEST_DATABASE_URL is already set, no server is started and that database is used.
//
// Commands resolve like in `npm exec`/`npm run`: every node_modules/.bin from the current
// directory upwards (and this repo's) is put first on PATH. The command is spawned directly
// (no `npm exec` / `sh -c` in between), so forwarded signals reach it and nothing is orphaned.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTemporaryPostgres } from './lib/postgres.mjs';

const command = process.argv.slice(2);
if (command.length === 0 || command[0] === '--help' || command[0] === '-h') {
  console.error('usage: node scripts/with-postgres.mjs <command> [args...]');
  process.exit(command.length === 0 ? 2 : 0);
}

let pg = null;
let url = process.env.TEST_DATABASE_URL;
if (url) {
  console.error(`[with-postgres] TEST_DATABASE_URL is already set; using it, not starting PostgreSQL`);
} else {
  try {
    pg = await startTemporaryPostgres();
  } catch (err) {
    console.error(`[with-postgres] could not start PostgreSQL: ${err.message}`);
    process.exit(1);
  }
  url = pg.url;
  console.error(`[with-postgres] started temporary PostgreSQL at ${url}`);
}

// PATH with node_modules/.bin directories first, as npm exec would set it.
const binDirs = [];
for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
  binDirs.push(path.join(dir, 'node_modules', '.bin'));
  if (path.dirname(dir) === dir) break;
}
binDirs.push(fileURLToPath(new URL('../node_modules/.bin', import.meta.url)));
const PATH = [...new Set(binDirs.filter((d) => existsSync(d))), process.env.PATH].filter(Boolean).join(path.delimiter);

const child = spawn(command[0], command.slice(1), {
  stdio: 'inherit',
  shell: false,
  env: { ...process.env, PATH, TEST_DATABASE_URL: url },
});

// Pass termination signals on to the command; clean up once it has exited.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  });
}

const code = await new Promise((resolve) => {
  child.on('error', (err) => {
    console.error(`[with-postgres] could not run ${command[0]}: ${err.message}`);
    resolve(127);
  });
  child.on('exit', (status, signal) => resolve(status ?? 128 + (os.constants.signals[signal] ?? 0)));
});

if (pg) {
  try {
    await pg.stop();
  } catch (err) {
    console.error(`[with-postgres] stopping PostgreSQL failed: ${err.message}`);
  }
}
process.exit(code);
