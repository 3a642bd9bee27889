import { describe, expect, it } from 'vitest';
import { isValidCardNumber } from './card-number';
import { isValidIban } from './iban';
import { isValidLuhn } from './luhn';

describe('isValidLuhn', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '79927398713'])(
    'accepts %s',
    (digits) => expect(isValidLuhn(digits)).toBe(true),
  );
  it.each(['4111111111111112', '79927398710', '', '4111 1111'])('rejects %j', (digits) =>
    expect(isValidLuhn(digits)).toBe(false),
  );
});

describe('isValidIban', () => {
  it.each(['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000', 'fr1420041010050500013m02606'])(
    'accepts %s',
    (iban) => expect(isValidIban(iban)).toBe(true),
  );
  it.each([
    'GB82 WEST 1234 5698 7654 33',
    'DE8937040044053201300',
    'XX89370400440532013000',
    'hello',
  ])('rejects %s', (iban) => expect(isValidIban(iban)).toBe(false));
});

describe('isValidCardNumber', () => {
  it.each(['4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005', '6011111111111117'])(
    'accepts %s',
    (value) => expect(isValidCardNumber(value)).toBe(true),
  );
  it('rejects Luhn-valid digits without a known issuer prefix or length', () => {
    expect(isValidLuhn('370400440532013001')).toBe(true);
    expect(isValidCardNumber('370400440532013001')).toBe(false);
    expect(isValidCardNumber('79927398713')).toBe(false);
  });
});
