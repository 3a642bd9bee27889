import {
  type ActionCatalog,
  actionCatalogSchema,
  type InputIssue,
  parseInput,
} from '@guardloop/core';
import { describeThrown, toInputIssues } from '@guardloop/core/internal';
import { z } from 'zod';
import { InvalidPlaybookError } from '../errors/invalid-playbook-error';
import { UnknownPlaybookActionError } from '../errors/unknown-playbook-action-error';
import { UnknownPlaybookIntentError } from '../errors/unknown-playbook-intent-error';
import { type Playbook, type PlaybookInput, playbookSchema } from './playbook-schema';
import { templateIssues } from './template';

export interface PlaybookOptions {
  /** When given, every candidate's action must be one it describes (e.g. an `UndoLog`). */
  actions?: ActionCatalog | undefined;
  /** When given, every entry's intent must be one of these labels (the classifier's taxonomy). */
  intents?: readonly string[] | undefined;
}

const optionsSchema = z
  .strictObject({
    actions: actionCatalogSchema.optional(),
    intents: z.array(z.string().min(1)).readonly().optional(),
  })
  .optional();

/**
 * Validates a playbook written in code and returns it parsed (defaults filled in).
 * @throws InvalidPlaybookError when it does not match the schema or a template is malformed
 * @throws UnknownPlaybookActionError when `actions` does not describe a candidate's action
 * @throws UnknownPlaybookIntentError when an entry's intent is not in `intents`
 */
export function definePlaybook(playbook: PlaybookInput, options?: PlaybookOptions): Playbook {
  return validatePlaybook(playbook, options);
}

/**
 * Validates a playbook loaded as data: JSON text, or the value parsed from it. The same checks
 * as `definePlaybook`.
 * @throws InvalidPlaybookError also when `source` is text that is not JSON
 */
export function loadPlaybook(source: unknown, options?: PlaybookOptions): Playbook {
  if (typeof source !== 'string') return validatePlaybook(source, options);
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (error) {
    const message = `Not JSON (${error instanceof Error ? error.message : String(error)})`;
    throw new InvalidPlaybookError({ issues: [{ path: '', message }], cause: error });
  }
  return validatePlaybook(parsed, options);
}

function validatePlaybook(input: unknown, options: PlaybookOptions | undefined): Playbook {
  const { actions, intents } = parseInput(optionsSchema, options, 'playbook options') ?? {};
  let result: ReturnType<typeof playbookSchema.safeParse>;
  try {
    result = playbookSchema.safeParse(input);
  } catch (error) {
    // A getter that throws while the input is read is malformed input too.
    const issues = [{ path: '', message: `cannot be read (${describeThrown(error)})` }];
    throw new InvalidPlaybookError({ issues, cause: error });
  }
  if (!result.success)
    throw new InvalidPlaybookError({
      issues: toInputIssues(result.error.issues),
      cause: result.error,
    });
  const playbook = result.data;

  const issues: InputIssue[] = [];
  playbook.entries.forEach((entry, entryIndex) => {
    const entryPath = `entries.${entryIndex}`;
    if (intents && !intents.includes(entry.intent))
      throw new UnknownPlaybookIntentError({ intent: entry.intent, path: `${entryPath}.intent` });
    entry.candidates.forEach((candidate, candidateIndex) => {
      const path = `${entryPath}.candidates.${candidateIndex}.action`;
      if (!candidate.action) return;
      if (actions && !actions.describeAction(candidate.action.name))
        throw new UnknownPlaybookActionError({
          actionName: candidate.action.name,
          path: `${path}.name`,
        });
      issues.push(...templateIssues(candidate.action.input, `${path}.input`));
      issues.push(...templateIssues(candidate.action.resource, `${path}.resource`));
    });
  });
  if (issues.length > 0) throw new InvalidPlaybookError({ issues });
  return playbook;
}
