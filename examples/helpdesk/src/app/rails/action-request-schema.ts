import type { AnyActionDefinition } from '@guardloop/undo-log';
import { z } from 'zod';

/**
 * One zod schema for every action request the AI may propose: the action's name picks the
 * input schema the undo log will apply, so the schema rail rejects what `do` would reject.
 */
export function actionRequestSchemaFor(actions: readonly AnyActionDefinition[]): z.ZodType {
  const [first, ...rest] = actions.map((action) =>
    z.object({ name: z.literal(action.name), input: action.input }),
  );
  if (!first) throw new Error('No actions to build a schema from.');
  return rest.length === 0 ? first : z.discriminatedUnion('name', [first, ...rest]);
}
