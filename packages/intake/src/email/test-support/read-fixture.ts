import { readFileSync } from 'node:fs';

export const fixtureNames = [
  'new-ticket',
  'reply-to-ticket',
  'html-only',
  'attachments',
  'iso-8859-1',
  'windows-1252',
  'shift-jis',
  'header-injection',
  'no-message-id',
  'no-from',
  'auto-reply',
] as const;

export type FixtureName = (typeof fixtureNames)[number];

/** The raw bytes of a fixture message, as they would arrive from an MTA. */
export function readFixture(name: FixtureName): Uint8Array {
  return readFileSync(new URL(`./fixtures/${name}.eml`, import.meta.url));
}

/** The fixture as text (the fixtures are 7-bit ASCII, like most mail on the wire). */
export function readFixtureText(name: FixtureName): string {
  return new TextDecoder().decode(readFixture(name));
}
