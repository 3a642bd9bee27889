import { z } from 'zod';

/** The text argument of the checks (`detectPii`, `checkBrandSafety`...), built once. */
export const textSchema = z.string();
