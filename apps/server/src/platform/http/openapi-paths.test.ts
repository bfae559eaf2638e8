import { describe, expect, it } from 'vitest';
import { sharedTestApp } from '../../../test/harness.js';

/** Every operation the document must describe, by path (as the route files register them) and method. */
const operations: Record<string, string[]> = {
  // Customers: profile, identities, lookup, notes and details, timeline, attributes.
  '/api/v1/customers': ['get', 'post'],
  '/api/v1/customers/lookup': ['get'],
  '/api/v1/customers/{customerId}': ['get', 'patch', 'delete'],
  '/api/v1/customers/{customerId}/identities': ['post'],
  '/api/v1/customers/{customerId}/identities/{identityId}': ['delete'],
  '/api/v1/customers/{customerId}/notes': ['get', 'post'],
  '/api/v1/customers/{customerId}/notes/{noteId}': ['patch', 'delete'],
  '/api/v1/customers/{customerId}/notes/{noteId}/revisions': ['get'],
  '/api/v1/customers/{customerId}/facts': ['get', 'post'],
  '/api/v1/customers/{customerId}/facts/{factId}': ['delete'],
  '/api/v1/customers/{customerId}/timeline': ['get'],
  '/api/v1/customer-attributes': ['get', 'post'],
  // Duplicates and merging; privacy (export, erasure is DELETE /customers/{customerId}).
  '/api/v1/customers/duplicates': ['get'],
  '/api/v1/customers/duplicates/dismissals': ['post'],
  '/api/v1/customers/duplicates/dismissals/{customerId}/{duplicateId}': ['delete'],
  '/api/v1/customers/{customerId}/duplicates': ['get'],
  '/api/v1/customers/{customerId}/merge': ['post'],
  '/api/v1/customers/{customerId}/export': ['get'],
  // CSV import and export; saved views.
  '/api/v1/customer-imports': ['get', 'post'],
  '/api/v1/customer-imports/{importId}': ['get', 'patch'],
  '/api/v1/customer-imports/{importId}/start': ['post'],
  '/api/v1/customer-imports/{importId}/errors.csv': ['get'],
  '/api/v1/customers/export.csv': ['get'],
  '/api/v1/customer-views': ['get', 'post'],
  '/api/v1/customer-views/{viewId}': ['patch', 'delete'],
  // Conversations, messages, channels, teams, saved replies, SLA.
  '/api/v1/conversations': ['get'],
  '/api/v1/conversations/{conversationId}': ['get', 'patch'],
  '/api/v1/conversations/{conversationId}/messages': ['get', 'post'],
  '/api/v1/conversations/{conversationId}/attachments': ['post'],
  '/api/v1/conversations/{conversationId}/attachments/{attachmentId}': ['delete'],
  '/api/v1/conversations/{conversationId}/saved-replies/{replyId}/render': ['post'],
  '/api/v1/messages/{messageId}/html': ['get'],
  '/api/v1/messages/{messageId}/attachments/{attachmentId}': ['get'],
  '/api/v1/channels': ['get', 'post'],
  '/api/v1/channels/{channelId}': ['patch'],
  '/api/v1/channels/{channelId}/imap': ['get', 'put', 'delete'],
  '/api/v1/teams': ['get', 'post'],
  '/api/v1/teams/{teamId}': ['patch', 'delete'],
  '/api/v1/saved-replies': ['get', 'post'],
  '/api/v1/saved-replies/{replyId}': ['patch', 'delete'],
  '/api/v1/sla-policies': ['get', 'put'],
  '/api/v1/business-calendars': ['get', 'post'],
  '/api/v1/business-calendars/{calendarId}': ['patch'],
  // Calls, and the telephony webhook with its settings.
  '/api/v1/calls': ['get', 'post'],
  '/api/v1/calls/{callId}': ['get', 'patch'],
  '/api/v1/conversations/{conversationId}/calls': ['get'],
  '/api/v1/channels/{channelId}/telephony-webhook': ['get'],
  '/api/v1/channels/{channelId}/telephony-webhook/rotate': ['post'],
  '/api/v1/telephony/{publicKey}/calls': ['post'],
  // Live chat: the agents' side of the widget, and the widget's own public routes.
  '/api/v1/channels/{channelId}/widget': ['get'],
  '/api/v1/conversations/{conversationId}/typing': ['post'],
  '/api/v1/conversations/{conversationId}/read': ['post'],
  '/api/v1/conversations/{conversationId}/visitor': ['get'],
  '/api/v1/widget/config': ['get'],
  '/api/v1/widget/sessions': ['post'],
};

describe('the OpenAPI document', () => {
  it('describes every route of customers, imports, conversations, calls, live chat and the telephony webhook', async () => {
    const t = await sharedTestApp();
    const response = await t.request('GET', '/api/v1/openapi.json');
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    const missing = Object.entries(operations).flatMap(([path, methods]) =>
      methods.filter((method) => !paths[path]?.[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });

  it('documents a customer route’s parameters, body, answers and errors from its zod schemas', async () => {
    const t = await sharedTestApp();
    const document = (await t.request('GET', '/api/v1/openapi.json')).json();
    const patch = document.paths['/api/v1/customers/{customerId}'].patch;
    expect(patch.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'path', name: 'customerId', required: true })]),
    );
    expect(Object.keys(patch.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['givenName', 'familyName', 'timeZone', 'attributes']),
    );
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    const customer = patch.responses['200'].content['application/json'].schema;
    expect(Object.keys(customer.properties)).toEqual(expect.arrayContaining(['id', 'firstSeenAt', 'lastContactedAt']));
    const webhook = document.paths['/api/v1/telephony/{publicKey}/calls'].post;
    expect(webhook.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['externalId', 'direction', 'startedAt']),
    );
  });
});
