import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { backupDatabase, openDatabase, restoreDatabase } from '@rapport/db';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { createLogger } from './platform/logger.js';
import { createRuntime, type Role } from './runtime.js';
import { createSetupLink, isSetupRequired } from './modules/workspaces/setup.js';

const usage = `Usage: rapport <command> [options]

Commands:
  start [--role all|api|worker]   run Rapport (default role: all = API, console, jobs)
  migrate                         apply database migrations and exit
  setup                           print a new one-time setup link (before the first workspace exists)
  backup FILE                     write a backup of the whole database to FILE (.jsonl.gz)
  restore FILE                    load a backup into an empty database (new data folder or database)

Configuration comes from environment variables: PORT, HOST, PUBLIC_URL, DATABASE_URL,
RAPPORT_DATA_DIR, LOG_LEVEL, LOG_FORMAT; see README.md.`;

/* eslint-disable no-console -- the command line talks to a person */

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

function describeDatabase(config: Config): string {
  return config.database.url
    ? `PostgreSQL (${new URL(config.database.url).host})`
    : `embedded PGlite in ${resolve(config.database.dataDir)}`;
}

async function start(role: Role): Promise<void> {
  const started = performance.now();
  const config = readConfig();
  const logger = createLogger(config);
  const runtime = await createRuntime(config, logger, { role });
  await runtime.worker?.start();
  if (runtime.app) await runtime.app.listen({ port: config.port, host: config.host });
  const smtpPort = runtime.smtp ? await runtime.smtp.listen(config.mail.smtpPort, config.mail.smtpHost) : null;
  const ms = Math.round(performance.now() - started);
  logger.info({ role, ms, database: runtime.services.database.engine }, 'Rapport started');
  if (runtime.app) {
    const link = (await isSetupRequired(runtime.services.db))
      ? await createSetupLink(runtime.services.db, config.publicUrl)
      : null;
    console.log(`\nRapport is running at ${config.publicUrl}  (${describeDatabase(config)}, ready in ${ms} ms)`);
    if (smtpPort !== null) console.log(`Inbound mail: SMTP on ${config.mail.smtpHost}:${smtpPort}`);
    if (link) {
      console.log(
        `\nFirst run: open this one-time link to create your workspace and owner account (valid 24 hours):\n\n  ${link}\n`,
      );
    } else {
      console.log(`Sign in at ${config.publicUrl}/sign-in with your email and password.\n`);
    }
  }
  let signals = 0;
  const shutdown = (signal: string): void => {
    signals++;
    if (signals > 1) {
      logger.warn('second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down: finishing requests and jobs');
    runtime.stop().then(
      () => {
        logger.info('stopped cleanly');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

async function withDatabase<T>(
  work: (database: Awaited<ReturnType<typeof openDatabase>>, config: Config) => Promise<T>,
): Promise<T> {
  const config = readConfig();
  const database = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolSize: 2 });
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}

/** Runs the `rapport` command line; returns the exit code (start keeps running). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { role: { type: 'string', default: 'all' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (!command || values.help || command === 'help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  switch (command) {
    case 'start': {
      const role = values.role as Role;
      if (!['all', 'api', 'worker'].includes(role)) {
        console.error(`--role must be all, api or worker (got "${role}")`);
        return 2;
      }
      await start(role);
      return -1;
    }
    case 'migrate':
      return withDatabase(async (database, config) => {
        const result = await database.migrate();
        console.log(
          `${describeDatabase(config)}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already there.`,
        );
        return 0;
      });
    case 'setup':
      return withDatabase(async (database, config) => {
        await database.migrate();
        const link = await createSetupLink(database.db, config.publicUrl);
        if (!link) {
          console.log('Setup was completed before: sign in, or ask an owner for an invite.');
          return 1;
        }
        console.log(
          `Open this one-time link to create the first workspace (valid 24 hours; earlier links stop working):\n\n  ${link}\n`,
        );
        return 0;
      });
    case 'backup':
    case 'restore': {
      const file = positionals[0];
      if (!file) {
        console.error(`Usage: rapport ${command} FILE`);
        return 2;
      }
      return withDatabase(async (database, config) => {
        await database.migrate();
        const result = await database.withSession((session) =>
          command === 'backup' ? backupDatabase(session, resolve(file)) : restoreDatabase(session, resolve(file)),
        );
        const verb = command === 'backup' ? 'Wrote' : 'Restored';
        console.log(
          `${verb} ${result.rows} rows in ${result.tables} tables (${describeDatabase(config)}) ${command === 'backup' ? 'to' : 'from'} ${resolve(file)}.`,
        );
        return 0;
      });
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}
