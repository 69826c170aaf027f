// Errors are values with a stable `code`. Services throw AppError; the HTTP layer maps
// it once (src/kernel/http/errors.ts) to { error: { type, code, message, param, request_id } }.

export type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'conflict_error'
  | 'idempotency_error'
  | 'rate_limit_error'
  | 'card_error'
  | 'api_error';

/** The catalogue: every code the platform returns, with its HTTP status and type. */
export const ERROR_CODES = {
  invalid_json: { status: 400, type: 'invalid_request_error' },
  invalid_request: { status: 400, type: 'invalid_request_error' },
  invalid_cursor: { status: 400, type: 'invalid_request_error' },
  invalid_id_number: { status: 400, type: 'invalid_request_error' },
  invalid_mobile: { status: 400, type: 'invalid_request_error' },
  invalid_name: { status: 400, type: 'invalid_request_error' },
  weak_password: { status: 400, type: 'invalid_request_error' },
  invalid_amount: { status: 400, type: 'invalid_request_error' },
  invalid_abn: { status: 400, type: 'invalid_request_error' },
  invalid_nzbn: { status: 400, type: 'invalid_request_error' },
  invalid_uscc: { status: 400, type: 'invalid_request_error' },
  invalid_bank_account: { status: 400, type: 'invalid_request_error' },
  invalid_gtin: { status: 400, type: 'invalid_request_error' },
  invalid_hs_code: { status: 400, type: 'invalid_request_error' },
  invalid_samr_registration: { status: 400, type: 'invalid_request_error' },
  invalid_image: { status: 400, type: 'invalid_request_error' },
  exceeds_pending_amount: { status: 400, type: 'invalid_request_error' },
  invalid_file: { status: 400, type: 'invalid_request_error' },
  invalid_csv: { status: 400, type: 'invalid_request_error' },
  invalid_signature: { status: 400, type: 'invalid_request_error' },
  invalid_region: { status: 400, type: 'invalid_request_error' },
  invalid_tracking_number: { status: 400, type: 'invalid_request_error' },
  payment_code_invalid: { status: 400, type: 'invalid_request_error' },
  payment_code_expired: { status: 400, type: 'invalid_request_error' },
  invalid_qr: { status: 400, type: 'invalid_request_error' },
  invalid_webhook_url: { status: 400, type: 'invalid_request_error' },
  unknown_event_type: { status: 400, type: 'invalid_request_error' },
  card_declined: { status: 402, type: 'card_error' },
  insufficient_funds: { status: 402, type: 'invalid_request_error' },
  refund_exceeds_payment: { status: 400, type: 'invalid_request_error' },
  unsupported_currency: { status: 400, type: 'invalid_request_error' },
  currency_mismatch: { status: 400, type: 'invalid_request_error' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error' },
  body_too_large: { status: 413, type: 'invalid_request_error' },
  authentication_required: { status: 401, type: 'authentication_error' },
  invalid_credentials: { status: 401, type: 'authentication_error' },
  invalid_api_key: { status: 401, type: 'authentication_error' },
  session_expired: { status: 401, type: 'authentication_error' },
  forbidden: { status: 403, type: 'permission_error' },
  livemode_not_allowed: { status: 403, type: 'permission_error' },
  testmode_not_allowed: { status: 403, type: 'permission_error' },
  identity_required: { status: 403, type: 'permission_error' },
  identity_mismatch: { status: 403, type: 'permission_error' },
  merchant_not_approved: { status: 403, type: 'permission_error' },
  insufficient_scope: { status: 403, type: 'permission_error' },
  not_found: { status: 404, type: 'not_found_error' },
  route_not_found: { status: 404, type: 'not_found_error' },
  method_not_allowed: { status: 405, type: 'invalid_request_error' },
  already_exists: { status: 409, type: 'conflict_error' },
  invalid_state: { status: 409, type: 'conflict_error' },
  same_operator: { status: 409, type: 'conflict_error' },
  identity_already_verified: { status: 409, type: 'conflict_error' },
  insufficient_stock: { status: 409, type: 'conflict_error' },
  cart_not_purchasable: { status: 409, type: 'conflict_error' },
  exceeds_credits: { status: 409, type: 'conflict_error' },
  exceeds_debits: { status: 409, type: 'conflict_error' },
  transfer_exists: { status: 409, type: 'conflict_error' },
  pending_transfer_closed: { status: 409, type: 'conflict_error' },
  pending_transfer_expired: { status: 409, type: 'conflict_error' },
  quote_expired: { status: 409, type: 'conflict_error' },
  checkout_expired: { status: 409, type: 'conflict_error' },
  return_window_closed: { status: 409, type: 'conflict_error' },
  rate_unavailable: { status: 409, type: 'conflict_error' },
  annual_quota_exceeded: { status: 409, type: 'conflict_error' },
  lane_overlap: { status: 409, type: 'conflict_error' },
  invalid_scan: { status: 409, type: 'conflict_error' },
  payment_code_used: { status: 409, type: 'conflict_error' },
  payment_expired: { status: 409, type: 'conflict_error' },
  already_paid: { status: 409, type: 'conflict_error' },
  listing_blocked: { status: 422, type: 'invalid_request_error' },
  no_shipping_option: { status: 422, type: 'invalid_request_error' },
  order_limit_exceeded: { status: 422, type: 'invalid_request_error' },
  not_sold_to_you: { status: 422, type: 'invalid_request_error' },
  origin_not_served: { status: 422, type: 'invalid_request_error' },
  webhook_target_not_allowed: { status: 422, type: 'invalid_request_error' },
  idempotency_key_in_use: { status: 409, type: 'idempotency_error' },
  idempotency_key_reused: { status: 422, type: 'idempotency_error' },
  rate_limited: { status: 429, type: 'rate_limit_error' },
  too_many_attempts: { status: 429, type: 'rate_limit_error' },
  internal_error: { status: 500, type: 'api_error' },
  service_unavailable: { status: 503, type: 'api_error' },
} as const satisfies Record<string, { status: number; type: ErrorType }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly param: string | undefined;
  /** Extra machine-readable facts (e.g. retry_after_s, remaining quota). */
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, opts: { param?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.param = opts.param;
    this.details = opts.details;
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
  get type(): ErrorType {
    return ERROR_CODES[this.code].type;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** The one way to say "not here" — also for objects that exist but belong to another tenant. */
export const notFound = (resource: string, id?: string) =>
  new AppError('not_found', id ? `No such ${resource}: '${id}'` : `No such ${resource}`, { param: id ? 'id' : undefined });

export const invalid = (param: string, message: string) => new AppError('invalid_request', message, { param });
