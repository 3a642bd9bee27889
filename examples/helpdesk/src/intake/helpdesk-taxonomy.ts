import { checkClassifierLabels, defineTaxonomy } from '@guardloop/intake';
import { helpdeskIntents } from '@guardloop/semantic/data';

/**
 * The help desk's standard fields as data: every intake path (email, web form, Zendesk,
 * Freshdesk) normalizes through these lists, so a report counts one `web` channel whatever the
 * vendor called it. Categories are the intents the classifier answers with.
 */
export const helpdeskTaxonomy = defineTaxonomy({
  categories: [...helpdeskIntents, 'out_of_scope'],
  channels: [
    'email',
    { id: 'web', aliases: ['web-form', 'web_form', 'portal', 'web_service'] },
    { id: 'status_widget', aliases: ['status-widget', 'feedback_widget'] },
  ],
  segments: ['enterprise', 'business', 'pro'],
  resolutionCodes: ['fixed', 'duplicate', 'wont_fix'],
});

// At startup: a label the classifier can answer that is not a category is a setup error.
checkClassifierLabels(helpdeskTaxonomy, helpdeskIntents, { onUnknown: 'throw' });
