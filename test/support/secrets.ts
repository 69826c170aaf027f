// "No card number or full ID number appears in any log line or response" (issue 4), checked
// for every test: `call` (test/support/http.ts) looks at every response body and
// `startPlatform().close()` at every log line the platform wrote. What counts as a secret:
// a sandbox test card number (with or without spaces or dashes), and an 18-character string
// that is a valid resident ID number (GB 11643 checksum and a real birth date) standing on its
// own (not inside a longer token such as a payment transaction number).
import { validateResidentIdNumber } from '../../src/modules/identity/rules.ts';
import { SANDBOX_TEST_CARDS } from '../../src/modules/payments/acquirers/sandbox.ts';

const CARD_DIGITS = SANDBOX_TEST_CARDS.map((c) => c.number.replace(/\D/g, ''));
const CARD_SHAPED = /(?<![0-9])\d(?:[ -]?\d){11,18}(?![0-9])/g;
const ID_SHAPED = /(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g;

/** The secrets found in a text (empty when there are none). */
export function secretsIn(text: string, now = new Date()): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(CARD_SHAPED)) {
    const digits = m[0].replace(/\D/g, '');
    if (CARD_DIGITS.includes(digits)) found.push(`card number ${digits.slice(0, 4)}…${digits.slice(-4)}`);
  }
  for (const m of text.matchAll(ID_SHAPED)) {
    if (validateResidentIdNumber(m[0], now).ok) found.push(`resident ID number ${m[0].slice(0, 6)}…`);
  }
  return found;
}

export function assertNoSecrets(where: string, text: string): void {
  const found = secretsIn(text);
  if (found.length) throw new Error(`${where} holds ${[...new Set(found)].join(', ')}`);
}
