// Rapport's API role, plus a switch (SIGUSR2) that starts 500 ms queries on the
// same database handle the requests use. Used by run.mjs to show that a slow
// query does not hold up other requests.
import { sql } from 'kysely';
import { createLogger, createRuntime, loadConfig } from '../../apps/server/dist/index.js';

const config = loadConfig();
const runtime = await createRuntime(config, createLogger(config), { role: 'api' });
await runtime.app.listen({ port: config.port, host: config.host });
let stopping = false;
let done = 0;
process.on('SIGUSR2', () => {
  void (async () => {
    process.stdout.write('SLOW_STARTED\n');
    while (!stopping) {
      await sql`SELECT pg_sleep(0.5)`.execute(runtime.services.db);
      done++;
    }
  })();
});
process.on('SIGTERM', () => {
  stopping = true;
  process.stdout.write(`SLOW_DONE ${done}\n`);
  void runtime.stop().then(() => process.exit(0));
});
process.stdout.write('READY\n');
