export const piiKinds = ['email', 'phone', 'card', 'iban'] as const;

export type PiiKind = (typeof piiKinds)[number];

/** One piece of personal data found in a text; `end` is exclusive. */
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}
