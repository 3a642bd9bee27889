import { isValidLuhn } from './luhn';

// Issuer prefixes and lengths of the major networks. Luhn alone accepts one random digit string
// in ten; requiring a known prefix and length removes most of those false positives.
const issuerPatterns = [
  /^4(?:\d{12}|\d{15}|\d{18})$/, // Visa
  /^(?:5[1-5]\d{2}|2(?:2[2-9]\d|[3-6]\d{2}|7[01]\d|720))\d{12}$/, // Mastercard
  /^3[47]\d{13}$/, // American Express
  /^(?:6011|65\d{2}|64[4-9]\d)\d{12,15}$/, // Discover
  /^3(?:0[0-5]|[68]\d)\d{11,16}$/, // Diners Club
  /^35(?:2[89]|[3-8]\d)\d{12,15}$/, // JCB
  /^62\d{14,17}$/, // UnionPay
  /^(?:5[06-9]|6\d)\d{10,17}$/, // Maestro
];

/** A payment card number (separators allowed): known issuer prefix and length, and Luhn-valid. */
export function isValidCardNumber(value: string): boolean {
  const digits = value.replace(/[ -]/g, '');
  return issuerPatterns.some((pattern) => pattern.test(digits)) && isValidLuhn(digits);
}
