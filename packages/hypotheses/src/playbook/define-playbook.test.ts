import { describe, expect, it } from 'vitest';
import { InvalidPlaybookError } from '../errors/invalid-playbook-error';
import { UnknownPlaybookActionError } from '../errors/unknown-playbook-action-error';
import { UnknownPlaybookIntentError } from '../errors/unknown-playbook-intent-error';
import { playbook } from '../test-support/fixtures';
import { definePlaybook, loadPlaybook } from './define-playbook';

const catalog = (names: string[]) => ({
  describeAction: (name: string) => (names.includes(name) ? { reversible: true } : undefined),
});

function thrown(body: () => unknown): unknown {
  try {
    body();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('definePlaybook', () => {
  it('returns the parsed playbook with defaults filled in', () => {
    const parsed = definePlaybook(playbook, { actions: catalog(['send_reset_link']) });
    expect(parsed.entries[0]?.candidates[0]?.references).toEqual([]);
    expect(parsed.entries).toHaveLength(2);
  });

  it('refuses an action the catalog does not describe, with its path', () => {
    const error = thrown(() => definePlaybook(playbook, { actions: catalog(['other']) }));
    expect(UnknownPlaybookActionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'unknown_playbook_action',
      actionName: 'send_reset_link',
      path: 'entries.0.candidates.0.action.name',
    });
  });

  it('refuses an intent outside the taxonomy', () => {
    const error = thrown(() => definePlaybook(playbook, { intents: ['billing'] }));
    expect(UnknownPlaybookIntentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ intent: 'password_reset', path: 'entries.0.intent' });
    expect(definePlaybook(playbook, { intents: ['password_reset'] }).entries).toHaveLength(2);
  });

  it('refuses templates that are malformed or do not start from a signal field', () => {
    const bad = {
      entries: [
        {
          intent: 'x',
          candidates: [
            {
              id: 'a',
              title: 'A',
              action: { name: 'a', input: { one: '{{payload..x}}', two: ['{{ accountId }}'] } },
            },
          ],
        },
      ],
    };
    const error = thrown(() => definePlaybook(bad));
    expect(InvalidPlaybookError.isInstance(error)).toBe(true);
    expect((error as InvalidPlaybookError).issues.map((issue) => issue.path)).toEqual([
      'entries.0.candidates.0.action.input.one',
      'entries.0.candidates.0.action.input.two.0',
    ]);
  });

  it('refuses schema problems with every path: empty candidates, duplicates, unknown keys', () => {
    const bad = {
      entries: [
        { intent: 'x', candidates: [] },
        {
          intent: 'y',
          candidates: [
            { id: 'a', title: 'A', route: { queue: 'q' } },
            { id: 'a', title: 'B', route: { queue: 'q' } },
            { id: 'c', title: 'C' },
          ],
        },
      ],
      extra: true,
    };
    const error = thrown(() => definePlaybook(bad as never)) as InvalidPlaybookError;
    expect(error.code).toBe('invalid_playbook');
    const paths = error.issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['entries.0.candidates', 'entries.1.candidates.2', '']),
    );
  });

  it('refuses two entries for the same scope', () => {
    const entry = { intent: 'x', candidates: [{ id: 'a', title: 'A', route: { queue: 'q' } }] };
    const error = thrown(() => definePlaybook({ entries: [entry, entry] })) as InvalidPlaybookError;
    expect(error.issues).toEqual([expect.objectContaining({ path: 'entries.1' })]);
  });

  it('rejects malformed options with a typed error', () => {
    expect(() => definePlaybook(playbook, { actions: {} as never })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('loadPlaybook', () => {
  it('loads JSON text and values with the same checks', () => {
    expect(loadPlaybook(JSON.stringify(playbook)).entries).toHaveLength(2);
    expect(loadPlaybook(playbook).id).toBe('helpdesk');
  });

  it('refuses text that is not JSON, and values that are not playbooks', () => {
    for (const source of ['{not json', null, 42, { entries: 'x' }]) {
      expect(InvalidPlaybookError.isInstance(thrown(() => loadPlaybook(source)))).toBe(true);
    }
  });

  it('refuses a value whose getter throws, as an invalid playbook', () => {
    const hostile = {
      get entries() {
        throw new Error('boom');
      },
    };
    expect(InvalidPlaybookError.isInstance(thrown(() => loadPlaybook(hostile)))).toBe(true);
  });
});
