// Structured JSON logs (pino). Secrets and personal data never reach them: credentials
// are redacted by path, and services never log ID numbers (they hold only masked forms).
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.secret',
  '*.id_number',
  '*.idNumber',
  '*.card',
  '*.cvc',
  '*.card_number',
  'password',
  'token',
  'id_number',
  'card',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tasman' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
