import { openDatabase, type Database } from '@rapport/db';
import type { FastifyInstance } from 'fastify';
import type { Config } from './platform/config.js';
import type { Logger } from './platform/logger.js';
import { EventBus } from './platform/events.js';
import { JobWorker } from './platform/jobs/worker.js';
import type { JobDefinition } from './platform/jobs/job-definition.js';
import { buildApp } from './platform/http/app.js';
import type { RealtimeOptions } from './platform/realtime/realtime-hub.js';
import type { Services } from './platform/services.js';
import { createAuthenticator } from './modules/auth/sessions.js';
import { authCaches } from './modules/auth/auth-caches.js';
import { CacheHub } from './platform/cache.js';
import { registerAuthRoutes } from './modules/auth/auth.routes.js';
import { registerSetupRoutes } from './modules/workspaces/setup.routes.js';
import { registerWorkspaceRoutes } from './modules/workspaces/workspaces.routes.js';
import { registerInviteRoutes } from './modules/workspaces/invites.routes.js';
import { registerApiTokenRoutes } from './modules/workspaces/api-tokens.routes.js';
import { cleanupJob, scheduleCleanup } from './modules/maintenance/maintenance.jobs.js';
import { registerCustomerRoutes } from './modules/customers/customers.routes.js';
import { registerNoteRoutes } from './modules/customers/notes.routes.js';
import { registerCustomerImportRoutes } from './modules/customers/import/customer-imports.routes.js';
import { customerImportJob } from './modules/customers/import/import-job.js';
import { registerCustomerRecordRoutes } from './modules/customers/customer-records.routes.js';
import { registerCustomerViewRoutes } from './modules/customers/customer-views.routes.js';
import { registerConversationRoutes } from './modules/conversations/conversations.routes.js';
import { registerSavedReplyRoutes } from './modules/conversations/saved-replies.routes.js';
import { registerDraftAttachmentRoutes } from './modules/conversations/draft-attachments.routes.js';
import { registerSlaRoutes } from './modules/sla/sla.routes.js';
import './modules/conversations/conversations.timeline.js';
import { deliverMessageJob } from './modules/conversations/conversations.jobs.js';
import { scheduleWakeSnoozed, wakeSnoozedJob } from './modules/conversations/wake-snoozed.js';
import { removeFilesJob } from './modules/conversations/erase-conversations.js';
import { registerChannelDriver } from './modules/channels/channel-driver.js';
import { emailDriver } from './modules/channels/drivers/email/email-driver.js';
import { SmtpListener } from './modules/channels/drivers/email/smtp-listener.js';
import { registerMailboxRoutes } from './modules/channels/mailboxes.routes.js';
import { scheduleMailboxPolls } from './modules/channels/mailboxes.js';
import { pollMailboxJob } from './modules/channels/drivers/email/imap-poll.js';
import { FileStore } from './platform/file-store.js';
import { phoneDriver } from './modules/channels/drivers/phone/phone-driver.js';
import { registerCallRoutes } from './modules/calls/calls.routes.js';
import { registerTelephonyRoutes } from './modules/calls/telephony.routes.js';
import { chatDriver } from './modules/chat/chat-driver.js';
import { registerChatRoutes } from './modules/chat/chat.routes.js';
import { sendTranscriptJob } from './modules/chat/chat.jobs.js';
import { installWidgetAssets } from './modules/chat/widget-assets.js';
import './modules/chat/erase-visitors.js';

registerChannelDriver(emailDriver);
registerChannelDriver(phoneDriver);
registerChannelDriver(chatDriver);

/** Every module's routes, mounted under /api/v1. */
export const routeModules = [
  registerSetupRoutes,
  registerAuthRoutes,
  registerWorkspaceRoutes,
  registerInviteRoutes,
  registerApiTokenRoutes,
  registerCustomerRecordRoutes,
  registerCustomerRoutes,
  registerNoteRoutes,
  registerCustomerImportRoutes,
  registerCustomerViewRoutes,
  registerConversationRoutes,
  registerDraftAttachmentRoutes,
  registerSavedReplyRoutes,
  registerSlaRoutes,
  registerMailboxRoutes,
  registerCallRoutes,
  registerTelephonyRoutes,
  registerChatRoutes,
];

/** Every module's job kinds. */
export const jobDefinitions: JobDefinition[] = [cleanupJob, customerImportJob];

export type Role = 'all' | 'api' | 'worker';

export interface Runtime {
  services: Services;
  app: FastifyInstance | null;
  worker: JobWorker | null;
  /** Rapport's inbound SMTP server (roles all and api, unless SMTP_PORT=0); `start` makes it listen. */
  smtp: SmtpListener | null;
  /** Graceful stop: no new requests, in-flight ones and the current jobs finish, then the database closes. */
  stop(): Promise<void>;
}

/** Opens the database (migrating it) and builds the parts the role needs, without listening yet. */
export async function createRuntime(
  config: Config,
  logger: Logger,
  options: {
    role?: Role;
    database?: Database;
    extraJobs?: JobDefinition[];
    consoleDir?: string | null;
    realtime?: Partial<RealtimeOptions>;
  } = {},
): Promise<Runtime> {
  const role = options.role ?? 'all';
  const database =
    options.database ??
    (await openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolSize: config.database.poolSize }));
  const migration = await database.migrate();
  if (migration.applied.length) logger.info({ applied: migration.applied }, 'database migrated');
  const events = new EventBus(logger.child({ module: 'events' }));
  await events.start(database);
  const cacheHub = new CacheHub();
  await cacheHub.start(database);
  const services: Services = { config, database, db: database.db, logger, events, cacheHub, lifecycle: { stopping: false } };

  let worker: JobWorker | null = null;
  if (role === 'all' || role === 'worker') {
    worker = new JobWorker(database, logger.child({ module: 'jobs' }), config.jobs);
    for (const definition of [...jobDefinitions, ...(options.extraJobs ?? [])]) worker.register(definition);
    worker.register(deliverMessageJob({ config, logger: logger.child({ module: 'channels' }) }));
    worker.register(pollMailboxJob({ files: new FileStore(config.database.dataDir), mail: config.mail }));
    worker.register(wakeSnoozedJob);
    worker.register(sendTranscriptJob(config));
    worker.register(removeFilesJob(config.database.dataDir));
    await scheduleCleanup(database.db);
    await scheduleMailboxPolls(database.db);
    await scheduleWakeSnoozed(database.db);
  }

  let app: FastifyInstance | null = null;
  if (role === 'all' || role === 'api') {
    app = await buildApp({
      config,
      logger,
      services,
      authenticator: createAuthenticator(database.db, authCaches(cacheHub), { sessionTtlHours: config.sessionTtlHours }),
      routes: routeModules,
      rootRoutes: [installWidgetAssets],
      ...(options.consoleDir !== undefined ? { consoleDir: options.consoleDir } : {}),
      ...(options.realtime ? { realtime: options.realtime } : {}),
    });
  }

  const smtp =
    (role === 'all' || role === 'api') && config.mail.smtpPort > 0
      ? new SmtpListener({
          db: database.db,
          files: new FileStore(config.database.dataDir),
          mail: config.mail,
          logger: logger.child({ module: 'smtp' }),
        })
      : null;

  let stopping: Promise<void> | undefined;
  return {
    services,
    app,
    worker,
    smtp,
    stop: () =>
      (stopping ??= (async () => {
        services.lifecycle.stopping = true;
        await smtp?.close();
        await app?.close();
        await worker?.stop();
        await events.stop();
        await cacheHub.stop();
        await database.close();
      })()),
  };
}
