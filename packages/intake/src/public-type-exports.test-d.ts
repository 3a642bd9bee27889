import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type CheckClassifierLabelsOptions,
  type ClassifierLabelCheck,
  type CsatHandler,
  type CsatHandlerOptions,
  type CsatResponse,
  type CsatResult,
  type CsatTraceResolver,
  checkClassifierLabels,
  createCsatHandler,
  createPriorityScorer,
  type csatResponseSchema,
  defineTaxonomy,
  type FreshdeskWebhook,
  type HandleSupportFormOptions,
  type HelpDeskWebhookOptions,
  type HelpDeskWebhookResult,
  handleSupportForm,
  mapFreshdeskWebhook,
  mapZendeskTicketEvent,
  type PriorityConfig,
  type PriorityFactor,
  type PriorityInput,
  type PriorityScore,
  type PriorityScorer,
  type SupportForm,
  type SupportFormAttachment,
  type SupportFormInput,
  type SupportFormResult,
  type supportFormSchema,
  type Taxonomy,
  type TaxonomyDefinition,
  type TaxonomyField,
  type TaxonomyValue,
  type UnknownValueReport,
  type ZendeskTicketEvent,
} from './index';

// Every type a host meets in a public signature can be named from the root. Each area of the
// package adds its own `describe` block below.

describe('public type exports of @guardloop/intake: taxonomy, priority, form, webhooks, csat', () => {
  it('names the taxonomy types', () => {
    expectTypeOf(defineTaxonomy).parameter(0).toEqualTypeOf<TaxonomyDefinition>();
    expectTypeOf(defineTaxonomy).returns.toEqualTypeOf<Taxonomy>();
    expectTypeOf<Taxonomy['values']>().parameter(0).toEqualTypeOf<TaxonomyField>();
    expectTypeOf<Taxonomy['values']>().returns.toEqualTypeOf<readonly TaxonomyValue[]>();
    expectTypeOf<Taxonomy['unknownReport']>().returns.toEqualTypeOf<UnknownValueReport>();
    expectTypeOf(checkClassifierLabels).returns.toEqualTypeOf<ClassifierLabelCheck>();
    expectTypeOf(checkClassifierLabels)
      .parameter(2)
      .toEqualTypeOf<CheckClassifierLabelsOptions | undefined>();
  });

  it('names the priority types', () => {
    expectTypeOf(createPriorityScorer).parameter(0).toEqualTypeOf<PriorityConfig>();
    expectTypeOf(createPriorityScorer).returns.toEqualTypeOf<PriorityScorer>();
    expectTypeOf<PriorityScorer['score']>().parameter(0).toEqualTypeOf<PriorityInput>();
    expectTypeOf<PriorityScorer['score']>().returns.toEqualTypeOf<PriorityScore>();
    expectTypeOf<PriorityScore['factors'][number]>().toEqualTypeOf<PriorityFactor>();
  });

  it('names the form types', () => {
    expectTypeOf(handleSupportForm).parameter(1).toEqualTypeOf<HandleSupportFormOptions>();
    expectTypeOf(handleSupportForm).returns.toEqualTypeOf<SupportFormResult>();
    expectTypeOf<z.output<typeof supportFormSchema>>().toEqualTypeOf<SupportForm>();
    expectTypeOf<z.input<typeof supportFormSchema>>().toEqualTypeOf<SupportFormInput>();
    expectTypeOf<SupportForm['attachments'][number]>().toEqualTypeOf<SupportFormAttachment>();
  });

  it('names the webhook types', () => {
    expectTypeOf(mapZendeskTicketEvent)
      .parameter(1)
      .toEqualTypeOf<HelpDeskWebhookOptions<ZendeskTicketEvent>>();
    expectTypeOf(mapZendeskTicketEvent).returns.toEqualTypeOf<HelpDeskWebhookResult>();
    expectTypeOf(mapFreshdeskWebhook)
      .parameter(1)
      .toEqualTypeOf<HelpDeskWebhookOptions<FreshdeskWebhook>>();
  });

  it('names the csat types', () => {
    expectTypeOf(createCsatHandler).parameter(0).toEqualTypeOf<CsatHandlerOptions>();
    expectTypeOf(createCsatHandler).returns.toEqualTypeOf<CsatHandler>();
    expectTypeOf<CsatHandlerOptions['traces']>().toEqualTypeOf<CsatTraceResolver>();
    expectTypeOf<CsatHandler['handle']>().returns.resolves.toEqualTypeOf<CsatResult>();
    expectTypeOf<z.input<typeof csatResponseSchema>>().toEqualTypeOf<CsatResponse>();
  });
});
