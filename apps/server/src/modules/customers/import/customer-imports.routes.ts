import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  cursorQuery,
  customerExportQuery,
  customerImport,
  errorResponse,
  id,
  page,
  startCustomerImportInput,
  updateCustomerImportInput,
} from '@rapport/contracts';
import { AppError } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import { workspaceContext } from '../../../platform/http/authentication.js';
import { managerRoles } from '../../workspaces/workspaces.policy.js';
import { exportCustomers } from './export-customers.js';
import { maxImportBytes } from './import-files.js';
import { getCustomerImport, listCustomerImports, openErrorReport } from './read-customer-imports.js';
import { changeCustomerImportFormat, startCustomerImport } from './start-customer-import.js';
import { uploadCustomerImport } from './upload-customer-import.js';
import './import-timeline.js';
import './erase-import-data.js';

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse, 413: errorResponse };
const tags = ['Customer import and export'];
const importParams = z.strictObject({ importId: id });
const auth = { auth: 'workspace' as const, roles: managerRoles };
/** A streamed CSV download, as the OpenAPI document describes it. */
const csvFile = { description: 'CSV, UTF-8 with a byte order mark', content: { 'text/csv': { schema: z.string() } } };
/** Fastify pipes a stream as it is (no serializer runs); the schema above only documents it as text. */
function asCsvBody(stream: Readable): string {
  return stream as unknown as string;
}
/** Body types the upload takes as a raw stream. */
const csvTypes = ['text/csv', 'application/csv', 'text/plain', 'text/tab-separated-values', 'application/octet-stream'];

/**
 * CSV import (upload, map, start, progress, error report) and export of
 * customers; owners and admins only. In a plugin of its own so that the raw
 * CSV body parser and the 1 GiB body limit apply to these routes alone.
 */
export function registerCustomerImportRoutes(api: FastifyInstance, services: Services): void {
  void api.register(async (scope) => {
    // The body reaches the handler as a stream, which is saved to disk as it arrives.
    scope.addContentTypeParser(csvTypes, (_request, payload, done) => done(null, payload));
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/customer-imports',
      {
        config: auth,
        bodyLimit: maxImportBytes,
        schema: {
          tags,
          summary: 'Upload a CSV file of customers (the raw file as the body, Content-Type: text/csv)',
          description:
            'Stores the file and detects its encoding (UTF-8, Windows-1250/1252/1254, ISO-8859-2/9), delimiter and header; ' +
            'suggests a mapping from common headers in English, Hungarian, Turkish, Uzbek and German. Nothing is imported ' +
            'until `POST /customer-imports/{importId}/start`. At most 1 GiB.',
          querystring: z.strictObject({ fileName: z.string().max(255).optional() }),
          response: { 201: customerImport, ...errors },
        },
      },
      async (request, reply) => {
        if (!(request.body instanceof Readable)) {
          throw new AppError('unsupported_media_type', `Send the file as the body with Content-Type: ${csvTypes[0]}.`);
        }
        const created = await uploadCustomerImport(services.db, workspaceContext(request), {
          body: request.body,
          fileName: request.query.fileName,
          dataDir: services.config.database.dataDir,
        });
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/customer-imports',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Imports, newest first',
          querystring: cursorQuery,
          response: { 200: page(customerImport), ...errors },
        },
      },
      async (request) => listCustomerImports(services.db, workspaceContext(request), request.query),
    );

    app.get(
      '/customer-imports/:importId',
      {
        config: auth,
        schema: {
          tags,
          summary: 'An import: status and progress (rows done, rows per second, seconds left)',
          params: importParams,
          response: { 200: customerImport, ...errors },
        },
      },
      async (request) => getCustomerImport(services.db, workspaceContext(request), request.params.importId),
    );

    app.patch(
      '/customer-imports/:importId',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Read the uploaded file with another encoding or delimiter (before starting)',
          params: importParams,
          body: updateCustomerImportInput,
          response: { 200: customerImport, ...errors },
        },
      },
      async (request) =>
        changeCustomerImportFormat(services.db, workspaceContext(request), request.params.importId, request.body),
    );

    app.post(
      '/customer-imports/:importId/start',
      {
        config: auth,
        schema: {
          tags,
          summary: 'Start an import with a column mapping',
          description:
            'Rows are matched to existing customers by email, phone or either (`matchBy`); others create customers. What a ' +
            "matching row does (`existing`): `update` (default) writes its non-empty values over the customer's, `fill_empty` " +
            'fills in only what the customer lacks, `skip` leaves the customer untouched and counts the row as skipped. ' +
            'A row with any invalid value is not imported and is listed in errors.csv. ' +
            'An email or phone seen on an earlier line makes the later row update the same customer (a warning).',
          params: importParams,
          body: startCustomerImportInput,
          response: { 200: customerImport, ...errors },
        },
      },
      async (request) => startCustomerImport(services.db, workspaceContext(request), request.params.importId, request.body),
    );

    app.get(
      '/customer-imports/:importId/errors.csv',
      {
        config: auth,
        schema: {
          tags,
          summary: 'The error report: one line per problem (line, level, column, value, code, reason)',
          description:
            'The header, `level` and `code` are fixed for programs; `reason` is worded in the language of the person ' +
            'who started the import (else the workspace’s default language).',
          params: importParams,
          response: { 200: csvFile, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
        },
      },
      async (request, reply) => {
        const report = await openErrorReport(services.db, workspaceContext(request), request.params.importId);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="import-${request.params.importId}-errors.csv"`)
          .send(asCsvBody(report));
      },
    );

    app.get(
      '/customers/export.csv',
      {
        config: auth,
        schema: {
          tags,
          summary: 'All or filtered customers as CSV (UTF-8 with BOM), streamed',
          description:
            'The filters and sort of `GET /customers` (without `sort`: oldest first); `q` keeps customers whose name, ' +
            'company, tags, email or phone contain every word, and may go with a sort.',
          querystring: customerExportQuery,
          response: { 200: csvFile, 400: errorResponse, 401: errorResponse, 403: errorResponse },
        },
      },
      async (request, reply) => {
        const csv = await exportCustomers(services.db, workspaceContext(request), request.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="customers.csv"')
          .send(asCsvBody(csv));
      },
    );
  });
}
