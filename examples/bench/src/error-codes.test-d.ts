import { describe, expectTypeOf, it } from 'vitest';
import type { errorSamples } from './error-samples.fixture';

type Samples = typeof errorSamples;

/** The classes whose `code` is typed `string` rather than their literal code. */
type WideCodes = {
  [Entry in keyof Samples]: {
    [Name in keyof Samples[Entry]]: Samples[Entry][Name] extends () => { code: infer Code }
      ? string extends Code
        ? `${Entry & string}/${Name & string}`
        : never
      : never;
  }[keyof Samples[Entry]];
}[keyof Samples];

describe('error codes', () => {
  it('types every code as its literal', () => {
    expectTypeOf<WideCodes>().toBeNever();
  });
});
