import { describe, expect, it } from 'vitest';
import { CustomerConfirmationRequiredError } from './customer-confirmation-required-error';
import { GuardloopError } from './guardloop-error';
import { InvalidInputError } from './invalid-input-error';
import { StoreUnavailableError } from './store-unavailable-error';

describe('GuardloopError identity', () => {
  const invalid = new InvalidInputError({ subject: 'signal', issues: [] });
  const unavailable = new StoreUnavailableError({ operation: 'insert' });

  it('tells sibling classes apart with their own isInstance', () => {
    expect(InvalidInputError.isInstance(invalid)).toBe(true);
    expect(InvalidInputError.isInstance(unavailable)).toBe(false);
    expect(StoreUnavailableError.isInstance(unavailable)).toBe(true);
    expect(StoreUnavailableError.isInstance(invalid)).toBe(false);
    expect(CustomerConfirmationRequiredError.isInstance(invalid)).toBe(false);
    expect(GuardloopError.isInstance(invalid)).toBe(true);
  });

  it('recognises an error thrown by another copy of the package', () => {
    // Markers are Symbol.for keys: a copy without this module's prototype still carries them.
    const copy = { ...invalid };
    expect(copy instanceof InvalidInputError).toBe(false);
    expect(InvalidInputError.isInstance(copy)).toBe(true);
    expect(GuardloopError.isInstance(copy)).toBe(true);
    expect(StoreUnavailableError.isInstance(copy)).toBe(false);
  });

  it('does not take an object with a matching code for an error', () => {
    expect(InvalidInputError.isInstance({ code: 'invalid_input' })).toBe(false);
    expect(GuardloopError.isInstance(new Error('plain'))).toBe(false);
    expect(GuardloopError.isInstance(undefined)).toBe(false);
  });

  it('still matches on codes with hasCode', () => {
    expect(GuardloopError.hasCode(invalid, 'invalid_input')).toBe(true);
    expect(GuardloopError.hasCode(invalid, 'store_unavailable')).toBe(false);
  });
});
