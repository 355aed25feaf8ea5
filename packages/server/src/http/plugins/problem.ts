import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  keyword?: string;
}

function fieldOf(issue: ValidationIssue, context: string | undefined): string {
  let pointer = issue.instancePath || '';
  const missing = issue.params?.missingProperty ?? issue.params?.requiredProperties;
  if (typeof missing === 'string') pointer = `${pointer}/${missing}`;
  else if (Array.isArray(missing) && typeof missing[0] === 'string') pointer = `${pointer}/${missing[0]}`;
  const additional = issue.params?.additionalProperty;
  if (typeof additional === 'string') pointer = `${pointer}/${additional}`;
  const prefix = context && context !== 'body' ? `${context}:` : '';
  return `${prefix}${pointer || '/'}`;
}

/** Maps any thrown error to an application/problem+json answer with a stable code. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (Array.isArray(fe.validation) && fe.validation.length > 0) {
    const errors = fe.validation.map((issue) => ({
      field: fieldOf(issue, fe.validationContext),
      detail: issue.message ?? 'is invalid',
      ...(issue.keyword ? { code: issue.keyword } : {}),
    }));
    return new AppError('validation_failed', errors[0]!.detail, { field: errors[0]!.field, errors });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'the request body is too large', { field: 'body' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', fe.message, { field: 'content-type' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation_failed', fe.message, { field: 'body' });
  }
  if (fe.statusCode === 429) return new AppError('rate_limited', fe.message);
  if (fe instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
    return new AppError('validation_failed', 'the body is not valid JSON', { field: 'body' });
  }
  if (fe.statusCode === 413) return new AppError('payload_too_large', fe.message, { field: 'body' });
  if (fe.statusCode === 415)
    return new AppError('unsupported_media_type', fe.message, { field: 'content-type' });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('validation_failed', fe.message);
  }
  return new AppError('internal_error', 'an unexpected error occurred', { cause: error });
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error as FastifyError);
    if (appError.code === 'internal_error') request.log.error({ err: error }, 'unhandled error');
    if (appError.retryAfter !== undefined) reply.header('retry-after', String(appError.retryAfter));
    void reply.status(appError.status).type('application/problem+json').send(appError.toProblem());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new AppError('not_found', `no route ${request.method} ${request.url.split('?')[0]}`);
    void reply.status(404).type('application/problem+json').send(error.toProblem());
  });
}
