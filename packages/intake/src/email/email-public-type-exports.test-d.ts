import type { Signal, Ticket, TicketFieldsInput } from '@guardloop/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  createEmailIntake,
  createMemoryEmailThreadStore,
  type EmailAddress,
  type EmailAttachment,
  type EmailIntake,
  type EmailIntakeCallOptions,
  type EmailIntakeFeedbackRecorder,
  type EmailIntakeOptions,
  type EmailIntakeResult,
  type EmailIntakeResultKind,
  type EmailIntakeTickets,
  type EmailRejectionReason,
  type EmailReopenedOutcome,
  type EmailThread,
  type EmailThreadCallOptions,
  type EmailThreadLink,
  type EmailThreadStore,
  type EmailWarning,
  type MalformedEmailReason,
  type MemoryEmailThreadStoreOptions,
  type ParsedEmail,
  type ParseEmailOptions,
  type parsedEmailSchema,
  parseEmail,
  type RawEmail,
  type Taxonomy,
} from '../index';

// Every type met in a public signature of the email intake can be named from the root.
describe('public type exports of @guardloop/intake: email', () => {
  it('names the parser types', () => {
    expectTypeOf(parseEmail).parameter(0).toEqualTypeOf<RawEmail>();
    expectTypeOf(parseEmail).parameter(1).toEqualTypeOf<ParseEmailOptions | undefined>();
    expectTypeOf(parseEmail).returns.resolves.toEqualTypeOf<ParsedEmail>();
    expectTypeOf<z.output<typeof parsedEmailSchema>>().toEqualTypeOf<ParsedEmail>();
    expectTypeOf<ParsedEmail['from']>().toEqualTypeOf<EmailAddress | undefined>();
    expectTypeOf<ParsedEmail['attachments'][number]>().toEqualTypeOf<EmailAttachment>();
    expectTypeOf<ParsedEmail['warnings'][number]>().toEqualTypeOf<EmailWarning>();
    expectTypeOf<MalformedEmailReason>().toEqualTypeOf<'empty' | 'no_headers' | 'unparsable'>();
  });

  it('names the intake types', () => {
    expectTypeOf(createEmailIntake).parameter(0).toEqualTypeOf<EmailIntakeOptions>();
    expectTypeOf(createEmailIntake).returns.toEqualTypeOf<EmailIntake>();
    expectTypeOf<EmailIntake['receive']>()
      .parameter(1)
      .toEqualTypeOf<EmailIntakeCallOptions | undefined>();
    expectTypeOf<EmailIntake['receive']>().returns.resolves.toEqualTypeOf<EmailIntakeResult>();
    expectTypeOf<EmailIntakeResult['kind']>().toEqualTypeOf<EmailIntakeResultKind>();
    expectTypeOf<EmailIntakeOptions['taxonomy']>().toEqualTypeOf<Taxonomy | undefined>();
    expectTypeOf<EmailIntakeOptions['mapFields']>().toEqualTypeOf<
      ((email: ParsedEmail) => TicketFieldsInput) | undefined
    >();
    expectTypeOf<EmailIntakeOptions['tickets']>().toEqualTypeOf<EmailIntakeTickets | undefined>();
    expectTypeOf<EmailIntakeOptions['feedback']>().toEqualTypeOf<
      EmailIntakeFeedbackRecorder | undefined
    >();
    expectTypeOf<EmailIntakeFeedbackRecorder['record']>()
      .parameter(0)
      .toEqualTypeOf<EmailReopenedOutcome>();
    expectTypeOf<
      Extract<EmailIntakeResult, { kind: 'rejected' }>['reason']
    >().toEqualTypeOf<EmailRejectionReason>();
    expectTypeOf<
      Extract<EmailIntakeResult, { kind: 'ticket' }>['signal']
    >().toEqualTypeOf<Signal>();
    expectTypeOf<
      Extract<EmailIntakeResult, { kind: 'reopened' }>['ticket']
    >().toEqualTypeOf<Ticket>();
  });

  it('names the thread store types', () => {
    expectTypeOf(createMemoryEmailThreadStore)
      .parameter(0)
      .toEqualTypeOf<MemoryEmailThreadStoreOptions | undefined>();
    expectTypeOf(createMemoryEmailThreadStore).returns.toEqualTypeOf<EmailThreadStore>();
    expectTypeOf<EmailThreadStore['find']>().returns.resolves.toEqualTypeOf<
      EmailThread | undefined
    >();
    expectTypeOf<EmailThreadStore['link']>()
      .parameter(2)
      .toEqualTypeOf<EmailThreadCallOptions | undefined>();
    expectTypeOf<EmailThreadStore['link']>().returns.resolves.toEqualTypeOf<EmailThreadLink>();
    expectTypeOf<EmailThreadLink['thread']>().toEqualTypeOf<EmailThread>();
  });
});
