// @tasman/sdk: a typed client for the Tasman API and a verifier for its signed webhooks.
export { Tasman, type TasmanOptions, retryAfterMs } from './client.ts';
export { TasmanError, type TasmanErrorInit } from './errors.ts';
export type {
  CallOptions,
  components,
  ListItem,
  ListPaths,
  Method,
  Operation,
  OptionsArg,
  PathParams,
  paths,
  PathsWith,
  QueryParams,
  RequestBody,
  RequestOptions,
  ResponseBody,
} from './types.ts';
export { DEFAULT_TOLERANCE_SECONDS, type VerifyOptions, verifyWebhook, type WebhookEvent, WebhookVerificationError } from './webhooks.ts';

import type { components } from './schema.d.ts';
/** The API's object schemas by name: `Schemas['Product']`. */
export type Schemas = components['schemas'];
