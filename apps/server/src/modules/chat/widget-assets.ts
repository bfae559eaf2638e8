import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { chatChannelSettings } from '@rapport/contracts';
import type { Services } from '../../platform/services.js';
import { AppError } from '../../platform/errors.js';
import { findWidget } from './widget-keys.js';

const defaultWidgetDir = fileURLToPath(new URL('../../../../widget/dist/', import.meta.url));

/**
 * Serves the widget (apps/widget, built): `GET /widget.js`, the loader the
 * site's snippet names, and `/widget/app/…`, the page of the iframe. The page
 * may be framed only by the sites the chat channel allows (its
 * `allowedOrigins`; any, when none are listed), by Content-Security-Policy.
 */
export async function installWidgetAssets(app: FastifyInstance, services: Services, widgetDir = defaultWidgetDir): Promise<void> {
  const loaderPath = `${widgetDir}loader.js`;
  const loader = existsSync(loaderPath) ? await readFile(loaderPath) : null;
  app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) => {
    if (!loader) throw new AppError('not_found', 'The chat widget is not built (npm run build).');
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(loader);
  });
  if (!existsSync(`${widgetDir}app`)) return;
  await app.register(async (scope) => {
    // Every answer of this scope, a 304 for the page too (it has no content type): a browser revalidating the page
    // applies the policy of the 304, and the app-wide default forbids framing.
    scope.addHook('onSend', async (request, reply, payload) => {
      const key = (request.query as { key?: unknown }).key;
      let ancestors = '*';
      if (typeof key === 'string' && key.length <= 100) {
        try {
          const widget = await findWidget(services.db, key);
          const origins = chatChannelSettings.parse(widget.channel.settings).allowedOrigins.map((url) => new URL(url).origin);
          if (origins.length) ancestors = origins.join(' ');
        } catch {
          // An unknown key: the page loads and says so itself (its config request fails).
        }
      }
      reply.header(
        'content-security-policy',
        `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors ${ancestors}; base-uri 'self'; form-action 'none'; object-src 'none'`,
      );
      if (request.url.split('?')[0]?.endsWith('/') || request.url.includes('.html')) reply.header('cache-control', 'no-cache');
      return payload;
    });
    await scope.register(fastifyStatic, {
      root: `${widgetDir}app`,
      prefix: '/widget/app/',
      decorateReply: false,
      index: ['index.html'],
      maxAge: '1h',
    });
  });
}
