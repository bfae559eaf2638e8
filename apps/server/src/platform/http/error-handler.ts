import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, isAppError, statusOf, type ErrorCode } from '../errors.js';

/** The error body every API response uses. */
export function errorBody(code: ErrorCode, message: string, requestId: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }), requestId } };
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.status(statusOf(error.code)).send(errorBody(error.code, error.message, String(reply.request.id), error.details));
}

// Fastify's own errors that are the client's fault, by their stable codes.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
};

/**
 * Maps every error to `{ error: { code, message, details, requestId } }`:
 * AppErrors by the code table, schema failures to validation_failed with the
 * issues, Fastify's parse errors to their codes, anything else to
 * internal_error (logged with the request id, never shown).
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      request.log.info({ code: error.code }, error.message);
      return sendError(reply, error);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        const issue = v.params?.issue as { path?: (string | number)[]; code?: string } | undefined;
        return {
          path: issue?.path ?? v.instancePath.split('/').filter(Boolean),
          code: issue?.code ?? v.keyword,
          message: v.message ?? 'invalid',
          in: error.validationContext ?? 'body',
        };
      });
      request.log.info({ issues }, 'request did not match the schema');
      return sendError(reply, new AppError('validation_failed', 'The request does not match the schema.', { issues }));
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) {
      request.log.info({ code: mapped }, error.message);
      return sendError(reply, new AppError(mapped, error.message));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendError(
      reply,
      new AppError('internal_error', 'Something went wrong on our side. The request id helps find it in the logs.'),
    );
  });
}
