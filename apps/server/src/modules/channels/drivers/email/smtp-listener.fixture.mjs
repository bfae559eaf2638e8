// Rapport's SMTP listener in its own process, for the kill -9 test: opens the test database (TEST_DB_URL or
// TEST_DATA_DIR), listens on a free port on 127.0.0.1 and prints "PORT <n>"; runs until killed.
import { openDatabase } from '@rapport/db';
import { createLogger } from '../../../../platform/logger.js';
import { FileStore } from '../../../../platform/file-store.js';
import { loadConfig } from '../../../../platform/config.js';
import { registerChannelDriver } from '../../channel-driver.js';
import { emailDriver } from './email-driver.js';
import { SmtpListener } from './smtp-listener.js';

registerChannelDriver(emailDriver);
const database = await openDatabase({ url: process.env.TEST_DB_URL, dataDir: process.env.TEST_DATA_DIR });
const config = loadConfig({ NODE_ENV: 'test', MAIL_DOMAIN: 'rapport.test' });
const listener = new SmtpListener({
  db: database.db,
  files: new FileStore(process.env.FILES_DIR),
  mail: config.mail,
  logger: createLogger({ log: { level: 'silent', format: 'json' } }),
});
const port = await listener.listen(0, '127.0.0.1');
process.stdout.write(`PORT ${port}\n`);
