import { z } from 'zod';

// Built once: the undo log checks these arguments on every call (the loop asks `describeAction`
// on every signal), and building a schema costs more than parsing with it.
export const actionIdSchema = z.string().min(1);
export const traceIdSchema = z.string().min(1);
export const actionNameSchema = z.string();
