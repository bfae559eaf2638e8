import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import { defineJob } from '../../platform/jobs/job-definition.js';
import { transportFor } from '../channels/drivers/email/email-driver.js';
import { textToHtml } from '../channels/drivers/email/email-driver.js';
import { chatTexts } from './chat-i18n.js';
import { findSenderChannel, sendTranscriptJobName, visibleMessages } from './chat-messages.js';
import { findVisitor } from './visitors.js';

/**
 * Emails a chat to whoever asked for it (the visitor in the widget, or an
 * agent for the customer): every message until the moment they asked, with
 * who wrote it and when, in the visitor's language and time zone (else the
 * customer's). Sent from the workspace's first email channel (its address is
 * the one customers know); without a relay it retries, as replies do.
 */
export function sendTranscriptJob(config: Config) {
  return defineJob({
    name: sendTranscriptJobName,
    maxAttempts: 8,
    payload: z.object({
      workspaceId: z.uuid(),
      /** Absent when an agent asked (an older chat may have no visitor any more). */
      visitorId: z.uuid().optional(),
      conversationId: z.uuid(),
      email: z.email(),
      until: z.iso.datetime(),
    }),
    async handle(payload, context) {
      const { db } = context;
      const visitor = payload.visitorId ? await findVisitor(db, payload.workspaceId, payload.visitorId) : undefined;
      const sender = await findSenderChannel(db, payload.workspaceId);
      const chat = await db
        .selectFrom('conversations as c')
        .innerJoin('channels as ch', (j) => j.onRef('ch.workspace_id', '=', 'c.workspace_id').onRef('ch.id', '=', 'c.channel_id'))
        .innerJoin('customers as cu', (j) =>
          j.onRef('cu.workspace_id', '=', 'c.workspace_id').onRef('cu.id', '=', 'c.customer_id'),
        )
        .select(['ch.name', 'cu.language', 'cu.time_zone'])
        .where('c.workspace_id', '=', payload.workspaceId)
        .where('c.id', '=', payload.conversationId)
        .executeTakeFirst();
      // Erased meanwhile, or nothing to send from: done, nothing to send.
      if ((payload.visitorId && !visitor) || !chat || !sender?.address) {
        context.logger.info({ conversationId: payload.conversationId }, 'chat transcript not sent: no visitor, chat or sender');
        await context.complete(async () => undefined);
        return;
      }
      if (!config.mail.relayUrl) throw new Error('no mail relay configured (SMTP_RELAY_URL)');
      const messages = await visibleMessages(db, payload.workspaceId, payload.conversationId)
        .where('m.created_at', '<=', new Date(payload.until))
        .orderBy('m.created_at')
        .orderBy('m.id')
        .execute();
      const language = visitor?.language ?? chat.language;
      const t = chatTexts(language);
      const when = new Intl.DateTimeFormat(language ?? 'en', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: visitor?.time_zone ?? chat.time_zone ?? 'UTC',
      });
      const lines = messages.map((m) => {
        const who = m.direction === 'inbound' ? t('transcript.you') : (m.author_name ?? chat.name);
        return `${who} (${when.format(m.created_at)}):\n${m.body_text}`;
      });
      const text = [t('transcript.intro', { name: chat.name }), ...lines].join('\n\n');
      await transportFor(config.mail.relayUrl).sendMail({
        from: { name: (sender.settings as { senderName?: string }).senderName ?? sender.name, address: sender.address },
        to: payload.email,
        subject: t('transcript.subject', { name: chat.name }),
        text,
        html: textToHtml(text),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      await context.complete(async () => undefined);
    },
  });
}
