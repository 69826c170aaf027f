// The API's one error shape (docs/api.md "Errors") as an exception: `status`, `type`, `code`,
// `message`, `param`, `requestId`, and the extra facts some errors carry in `details`.

export interface TasmanErrorInit {
  status: number;
  type: string;
  code: string;
  message: string;
  param?: string | undefined;
  requestId?: string | undefined;
  details?: Record<string, unknown>;
  headers?: Headers | undefined;
  cause?: unknown;
}

export class TasmanError extends Error {
  /** The HTTP status; 0 when no answer came (`network_error`, `timeout`). */
  readonly status: number;
  /** `invalid_request_error`, `rate_limit_error`, … or `api_connection_error` with no answer. */
  readonly type: string;
  /** Stable and machine-readable: `invalid_request`, `not_found`, `insufficient_stock`, … */
  readonly code: string;
  /** The offending field as a dot path, when there is one. */
  readonly param: string | undefined;
  /** The `Request-Id` to quote when reporting a problem. */
  readonly requestId: string | undefined;
  /** The error's other facts (`retry_after_s`, `required_scope`, `issues`, `available`, …). */
  readonly details: Record<string, unknown>;
  /** The response headers, when an answer came. */
  readonly headers: Headers | undefined;

  constructor(init: TasmanErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'TasmanError';
    this.status = init.status;
    this.type = init.type;
    this.code = init.code;
    this.param = init.param;
    this.requestId = init.requestId;
    this.details = init.details ?? {};
    this.headers = init.headers;
  }
}

/** A TasmanError from a non-2xx answer, whatever its body. */
export function errorFromResponse(response: Response, text: string): TasmanError {
  const requestId = response.headers.get('request-id') ?? undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const e = (body as { error?: Record<string, unknown> } | undefined)?.error;
  if (e && typeof e === 'object' && typeof e.code === 'string') {
    const { type, code, message, param, request_id, ...details } = e;
    return new TasmanError({
      status: response.status,
      type: typeof type === 'string' ? type : 'api_error',
      code,
      message: typeof message === 'string' ? message : `HTTP ${response.status}`,
      param: typeof param === 'string' ? param : undefined,
      requestId: typeof request_id === 'string' ? request_id : requestId,
      details,
      headers: response.headers,
    });
  }
  return new TasmanError({
    status: response.status,
    type: 'api_error',
    code: 'unexpected_response',
    message: `HTTP ${response.status} ${response.statusText}`.trim(),
    requestId,
    headers: response.headers,
  });
}
