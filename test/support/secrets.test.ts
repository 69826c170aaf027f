// The leak detector behind every response and log line of the test suite (test/support/secrets.ts).
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../src/modules/identity/rules.ts';
import { secretsIn } from './secrets.ts';

const ID = `11010519491231002${residentIdCheckChar('11010519491231002')}`;

describe('secretsIn', () => {
  it.each([
    ['a test card', '{"number":"4242424242424242"}', 1],
    ['a test card with spaces', 'card 4000 0000 0000 0002 declined', 1],
    ['a valid ID number', `{"id_number":"${ID}"}`, 1],
    ['a masked ID number', '{"id_number":"110105********002X"}', 0],
    ['an ID number with a wrong check character', `{"id_number":"${ID.slice(0, 17)}${ID.endsWith('1') ? '2' : '1'}"}`, 0],
    ['an ID number inside a longer token', `{"transaction_id":"T${ID}123456"}`, 0],
    ['a millisecond timestamp', '{"t":1764134400000}', 0],
    ['last four only', '{"last4":"4242"}', 0],
  ])('%s → %i', (_name, text, n) => {
    expect(secretsIn(text)).toHaveLength(n);
  });
});
