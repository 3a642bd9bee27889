import { describe, expect, it } from 'vitest';
import { createHelpdeskClassifier } from './create-helpdesk-classifier';

describe('createHelpdeskClassifier', () => {
  const classifier = createHelpdeskClassifier();

  it('is trained on the bundled data and ready to classify help-desk messages', async () => {
    expect(classifier.name).toBe('helpdesk-local');
    expect(classifier.labels).toContain('password_reset');
    await expect(classifier.classify('I lost my phone and my 2FA codes')).resolves.toMatchObject({
      label: 'mfa_reset',
      abstained: false,
    });
    await expect(classifier.classify('We keep getting HTTP 429 from your API')).resolves.toMatchObject(
      { label: 'api_rate_limit', abstained: false },
    );
    expect((await classifier.classify('Which wine goes well with cheese?')).abstained).toBe(true);
  });
});
