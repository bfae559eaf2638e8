import { AppError } from '../../../../platform/errors.js';
import { DeliveryFailure, type ChannelDriver } from '../../channel-driver.js';
import { provisionTelephonyWebhook } from './telephony-webhooks.js';

/**
 * The phone. Its conversations hold calls (logged by agents while they talk,
 * or reported by a telephony system's signed webhook, see
 * `modules/calls/`) and internal notes; nothing can be sent through it.
 * A new phone channel gets its webhook key and signing secret.
 */
export const phoneDriver: ChannelDriver = {
  kind: 'phone',
  identityKind: 'phone',
  canReply: false,
  canSendAttachments: false,

  parseSettings(settings) {
    const isEmpty =
      settings === undefined ||
      settings === null ||
      (typeof settings === 'object' && !Array.isArray(settings) && Object.keys(settings).length === 0);
    if (!isEmpty)
      throw new AppError('validation_failed', 'A phone channel has no settings.', {
        issues: [{ path: ['settings'], code: 'unrecognized_keys', message: 'a phone channel has no settings', in: 'body' }],
      });
    return {};
  },

  async provision(executor, channel) {
    await provisionTelephonyWebhook(executor, channel);
  },

  send() {
    return Promise.reject(new DeliveryFailure('channel_cannot_send', 'A phone channel cannot send messages.'));
  },
};
