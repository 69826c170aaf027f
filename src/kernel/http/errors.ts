// The one mapping from anything thrown to the error body of docs/api.md:
// { "error": { "type", "code", "message", "param", "request_id" } }.
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { MoneyError } from '../money.ts';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
  validationContext?: string;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  // Money input errors reach here when a client sent a bad amount or currency; the other
  // money errors (bad rate, bad allocation) are our bugs and stay 500s.
  if (
    err instanceof MoneyError &&
    (err.code === 'invalid_amount' || err.code === 'unsupported_currency' || err.code === 'currency_mismatch')
  ) {
    return new AppError(err.code, err.message);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0];
    const path = (first?.instancePath ?? '').split('/').filter(Boolean).join('.');
    const where = (err as FastifyLikeError).validationContext ?? 'body';
    const param = path || (where === 'body' ? undefined : where);
    const message = first?.message ?? 'Invalid request';
    return new AppError(
      'invalid_request',
      param ? `Invalid ${where} parameter '${path || where}': ${message}` : `Invalid ${where}: ${message}`,
      {
        param: param ?? where,
      },
    );
  }
  const e = (err ?? {}) as FastifyLikeError;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('invalid_json', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', "The body is empty but Content-Type says 'application/json'");
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('body_too_large', 'The request body is larger than this server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type', 'Send the body as application/json');
  }
  if (err instanceof SyntaxError && e.statusCode === 400) return new AppError('invalid_json', 'The request body is not valid JSON');
  if (e.statusCode === 429) return new AppError('rate_limited', e.message ?? 'Too many requests');
  if (e.statusCode === 413) return new AppError('body_too_large', 'The request body is larger than this server accepts');
  if (e.statusCode === 415) return new AppError('unsupported_media_type', 'Send the body as application/json');
  if (e.statusCode === 405) return new AppError('method_not_allowed', e.message ?? 'Method not allowed');
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('invalid_request', e.message ?? 'Invalid request');
  }
  return new AppError('internal_error', 'Something went wrong on our side. Quote the request id if you contact support.');
}

export function errorBody(e: AppError, requestId: string) {
  return {
    error: {
      type: e.type,
      code: e.code,
      message: e.message,
      ...(e.param !== undefined ? { param: e.param } : {}),
      ...(e.details ?? {}),
      request_id: requestId,
    },
  };
}
