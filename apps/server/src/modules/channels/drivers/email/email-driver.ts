import nodemailer, { type Transporter } from 'nodemailer';
import { emailChannelSettings } from '@rapport/contracts';
import { AppError } from '../../../../platform/errors.js';
import { DeliveryFailure, type ChannelDriver, type OutboundDelivery } from '../../channel-driver.js';

/** Most References a reply carries: the first (thread root) and the newest, as mail clients do. */
const maxReferences = 20;

const transports = new Map<string, Transporter>();

/** One pooled nodemailer transport per relay URL (replies, chat transcripts). */
export function transportFor(relayUrl: string): Transporter {
  let transport = transports.get(relayUrl);
  if (!transport) {
    transport = nodemailer.createTransport(relayUrl);
    transports.set(relayUrl, transport);
  }
  return transport;
}

/** "support@acme.hu" + token → "support+k3v9q2@acme.hu": replies whose headers got lost still find their conversation. */
export function replyAddress(address: string, token: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${token}${address.slice(at)}`;
}

/** The conversation's marker in subjects: "[#1042]". */
export function subjectWithNumber(subject: string, number: number): string {
  const marker = `[#${number}]`;
  const base = subject.trim() || '…';
  const reply = /^(re|aw|vs|ynt|sv|odp)\s*:/i.test(base) ? base : `Re: ${base}`;
  return reply.includes(marker) ? reply : `${reply} ${marker}`;
}

/** The conversation number of the "[#1042]" marker in a subject (the last, if several), or null. */
export function numberInSubject(subject: string): number | null {
  const markers = [...subject.matchAll(/\[#(\d{1,15})\]/g)];
  const number = Number(markers.at(-1)?.[1]);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The reply's HTML part: paragraphs and line breaks of the plain text, escaped. */
export function textToHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body>${paragraphs.join('\n')}</body></html>`;
}

/** The RFC 5322 Message-ID of an outbound message: fixed by its id, so a resend after a crash is the same message. */
export function outboundMessageId(messageId: string, domain: string): string {
  return `${messageId}@${domain}`;
}

export const emailDriver: ChannelDriver = {
  kind: 'email',
  identityKind: 'email',
  canReply: true,
  canSendAttachments: true,

  parseSettings(settings) {
    const parsed = emailChannelSettings.safeParse(settings ?? {});
    if (!parsed.success)
      throw new AppError('validation_failed', 'Invalid email channel settings.', {
        issues: parsed.error.issues.map((i) => ({ path: ['settings', ...i.path], code: i.code, message: i.message, in: 'body' })),
      });
    return parsed.data;
  },

  async send(delivery: OutboundDelivery, { config }) {
    const { channel, conversation, message, recipient } = delivery;
    if (!config.mail.relayUrl)
      throw new DeliveryFailure('mail_relay_not_configured', 'No outgoing mail relay is configured (SMTP_RELAY_URL).');
    if (!channel.address) throw new DeliveryFailure('channel_without_address', 'The channel has no address to send from.');
    const settings = emailChannelSettings.parse(channel.settings);
    const messageId = outboundMessageId(message.id, config.mail.domain);
    const references =
      delivery.earlierExternalIds.length > maxReferences
        ? [delivery.earlierExternalIds[0]!, ...delivery.earlierExternalIds.slice(-(maxReferences - 1))]
        : delivery.earlierExternalIds;
    const subject = subjectWithNumber(conversation.subject, Number(conversation.number));
    const from = { name: settings.senderName ?? channel.name, address: channel.address };
    const replyTo = replyAddress(channel.address, conversation.reply_token);
    try {
      await transportFor(config.mail.relayUrl).sendMail({
        from,
        to: { name: recipient.name, address: recipient.address },
        replyTo,
        subject,
        messageId: `<${messageId}>`,
        ...(delivery.inReplyTo ? { inReplyTo: `<${delivery.inReplyTo}>` } : {}),
        ...(references.length ? { references: references.map((id) => `<${id}>`) } : {}),
        text: message.body_text,
        html: textToHtml(message.body_text),
        ...(delivery.attachments.length
          ? {
              attachments: delivery.attachments.map((attachment) => ({
                filename: attachment.fileName,
                contentType: attachment.contentType,
                content: attachment.content,
                contentDisposition: 'attachment' as const,
              })),
            }
          : {}),
        // An automatic acknowledgement says so (RFC 3834), so that other robots do not answer it.
        ...(message.envelope.automatic === true
          ? { headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } }
          : {}),
      });
    } catch (error) {
      // 5xx from the relay: the recipient or the message is refused; retrying will not help.
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500 && code < 600)
        throw new DeliveryFailure('recipient_refused', (error as Error).message);
      throw error;
    }
    return {
      externalId: messageId,
      envelope: { from, to: [recipient], replyTo, subject, inReplyTo: delivery.inReplyTo, references },
    };
  },
};
