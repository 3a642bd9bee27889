import { isValidLuhn } from './luhn';

/**
 * Issuer prefixes and lengths of the major networks, from the first four digits as a number.
 * Luhn alone accepts one random digit string in ten; requiring a known prefix and length removes
 * most of those false positives. Arithmetic rather than patterns: the card scanner asks often.
 */
export function hasCardIssuerPrefix(first4: number, length: number): boolean {
  const first1 = Math.trunc(first4 / 1000);
  const first2 = Math.trunc(first4 / 100);
  const first3 = Math.trunc(first4 / 10);
  return (
    (first1 === 4 && (length === 13 || length === 16 || length === 19)) || // Visa
    (length === 16 && ((first2 >= 51 && first2 <= 55) || (first4 >= 2220 && first4 <= 2720))) || // Mastercard
    (length === 15 && (first2 === 34 || first2 === 37)) || // American Express
    (length >= 16 && (first4 === 6011 || first2 === 65 || (first3 >= 644 && first3 <= 649))) || // Discover
    (length >= 14 && ((first3 >= 300 && first3 <= 305) || first2 === 36 || first2 === 38)) || // Diners Club
    (length >= 16 && first4 >= 3528 && first4 <= 3589) || // JCB
    (length >= 16 && first2 === 62) || // UnionPay
    (length >= 12 && (first2 === 50 || (first2 >= 56 && first2 <= 69))) || // Maestro
    (length >= 16 && first4 >= 2200 && first4 <= 2204) || // Mir
    (length >= 16 && (first2 === 81 || first2 === 82)) || // RuPay, UnionPay 81
    (length === 16 && first4 === 9792) || // Troy
    (first1 === 1 && length === 15) // UATP
  );
}

/** A payment card number (separators allowed): known issuer prefix and length, and Luhn-valid. */
export function isValidCardNumber(value: string): boolean {
  const digits = value.replace(/[ -]/g, '');
  if (digits.length < 12 || digits.length > 19 || !isValidLuhn(digits)) return false;
  return hasCardIssuerPrefix(Number(digits.slice(0, 4)), digits.length);
}
