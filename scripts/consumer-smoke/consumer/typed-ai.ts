// The entry points built on the ESM-only `ai`, type-checked like typed.ts. CommonJS files may import
// `ai` only where TypeScript models require(esm) (module node20 or nodenext, Node >= 22.12), so
// typed-ai.cts is left out of the node16 check.
import { createGuardedTools, guardedTool } from '@guardloop/ai-sdk';
import { createManualClock } from '@guardloop/core';
import { createModelClassifier } from '@guardloop/semantic/ai';
import { createMemoryUndoLogStore, createUndoLog, defineAction } from '@guardloop/undo-log';
import { generateText, type LanguageModel } from 'ai';
import { z } from 'zod';

const resetPassword = defineAction({
  name: 'reset_password',
  input: z.object({ user: z.string() }),
  reversible: true,
  do: ({ user }) => ({ user, status: 'reset link sent' }),
  undo: () => {},
});

export async function typedAiConsumer(model: LanguageModel): Promise<string> {
  const undoLog = createUndoLog({ store: createMemoryUndoLogStore(), actions: [resetPassword] });
  const guarded = createGuardedTools({
    tools: {
      resetPassword: guardedTool({
        action: resetPassword,
        description: 'Send a password reset link',
        // @ts-expect-error the callback is typed by the action's input schema
        resource: ({ missing }) => `account:${missing}`,
      }),
    },
    undoLog,
    actor: { id: 'assistant', type: 'ai' },
    clock: createManualClock(0),
  });
  const result = await generateText({
    model,
    tools: guarded.tools,
    toolApproval: guarded.toolApproval,
    prompt: 'hi',
  });
  const classifier = createModelClassifier({ model, labels: ['billing', 'shipping'] });
  const classification = await classifier.classify('where is my parcel');
  await guarded.undoAll({ by: { id: 'lea', type: 'human' }, reason: 'typed' });
  return `${result.text} ${classification.label}`;
}
