import { z } from 'zod';
import type { Taxonomy } from './define-taxonomy';

/** Accepts what `defineTaxonomy` returns, for the options of the mappers and handlers. */
export const taxonomySchema = z.custom<Taxonomy>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Taxonomy).normalize === 'function' &&
    typeof (value as Taxonomy).values === 'function' &&
    typeof (value as Taxonomy).lookup === 'function',
  { message: 'Expected a taxonomy from defineTaxonomy()' },
);
