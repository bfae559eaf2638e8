import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TelephonyWebhookRow } from '@rapport/db';
import { call, errorResponse, id, telephonyCallInput, telephonyWebhook } from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { AppError } from '../../platform/errors.js';
import { workspaceContext } from '../../platform/http/authentication.js';
import { acceptedSecrets, findTelephonyWebhookByKey } from '../channels/drivers/phone/telephony-webhooks.js';
import { verifyTelephonySignature } from '../channels/drivers/phone/webhook-signature.js';
import { receiveTelephonyCall } from './receive-telephony-call.js';
import { getTelephonyWebhook, rotateTelephonyWebhook } from './telephony-webhooks.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse };
/** A call report is small; anything bigger is not one. */
const maxWebhookBytes = 64 * 1024;

// The raw body of a webhook request (the signature covers its exact bytes) and its verified webhook.
const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const verified = new WeakMap<FastifyRequest, TelephonyWebhookRow>();

/** A phone channel's webhook settings (owners and admins) and the signed webhook telephony systems post calls to. */
export function registerTelephonyRoutes(api: FastifyInstance, services: Services): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const managers = { auth: 'workspace', roles: ['owner', 'admin'] } as const;
  const channelParams = z.strictObject({ channelId: id });

  app.get(
    '/channels/:channelId/telephony-webhook',
    {
      config: managers,
      schema: {
        tags: ['Calls'],
        summary: 'A phone channel’s webhook URL and signing secret (owners and admins)',
        params: channelParams,
        response: { 200: telephonyWebhook, ...errors },
      },
    },
    async (request) => getTelephonyWebhook(services.db, workspaceContext(request), request.params.channelId),
  );
  app.post(
    '/channels/:channelId/telephony-webhook/rotate',
    {
      config: { ...managers, secretResponse: true },
      schema: {
        tags: ['Calls'],
        summary: 'A new signing secret for a phone channel’s webhook; the previous one works for 24 hours more',
        params: channelParams,
        response: { 200: telephonyWebhook, ...errors },
      },
    },
    async (request) => rotateTelephonyWebhook(services.db, workspaceContext(request), request.params.channelId),
  );

  app.post(
    '/telephony/:publicKey/calls',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['Calls'],
        summary: 'A telephony system reports a call (signed webhook)',
        description:
          'Sign each request with the channel’s secret: `X-Rapport-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of ' +
          '"<t>.<raw body>">`. Signatures more than 5 minutes from the server’s clock are refused (replays). Idempotent ' +
          'by `externalId`: a redelivery or a later report of the same call updates it. Answers 201 for a new call, 200 ' +
          'for an update; `invalid_webhook_signature` (401, `details.reason`: missing, malformed, expired, mismatch).',
        security: [],
        params: z.strictObject({ publicKey: z.string().min(1).max(100) }),
        body: telephonyCallInput,
        response: { 200: call, 201: call, ...errors },
      },
      // The signature covers the exact bytes: keep them, then let the usual JSON parser read the same bytes.
      preParsing: async (request, _reply, payload) => {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of payload as AsyncIterable<Buffer | string>) {
          const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          size += buffer.length;
          if (size > maxWebhookBytes) throw new AppError('payload_too_large', 'A call report is at most 64 KB.');
          chunks.push(buffer);
        }
        const raw = Buffer.concat(chunks);
        rawBodies.set(request, raw);
        return Readable.from([raw]);
      },
      // Before the body's schema: an unsigned request learns nothing about what a valid body looks like.
      preValidation: async (request) => {
        const { publicKey } = request.params;
        const webhook = await findTelephonyWebhookByKey(services.db, publicKey);
        if (!webhook) throw new AppError('not_found', 'No telephony webhook has this key.');
        const header = request.headers['x-rapport-signature'];
        const problem = verifyTelephonySignature(
          typeof header === 'string' ? header : undefined,
          rawBodies.get(request) ?? Buffer.alloc(0),
          acceptedSecrets(webhook, new Date()),
          new Date(),
        );
        if (problem)
          throw new AppError('invalid_webhook_signature', `The request's signature is not valid (${problem}).`, {
            reason: problem,
          });
        verified.set(request, webhook);
      },
    },
    async (request, reply) => {
      const webhook = verified.get(request);
      if (!webhook) throw new AppError('invalid_webhook_signature', 'The request was not verified.', { reason: 'missing' });
      const result = await receiveTelephonyCall(services.db, webhook, request.body);
      return reply.status(result.isNew ? 201 : 200).send(result.call);
    },
  );
}
