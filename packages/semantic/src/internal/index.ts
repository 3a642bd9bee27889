// Building blocks of the semantic rails and the local classifier, for sibling packages and
// tools: stable enough for them, not the public API. Everything here may change in a minor
// release; hosts import from the root.

export { extractFeatures } from '../local/extract-features';
export { featureOptionsSchema } from '../local/feature-options';
export { normalizeText } from '../local/normalize-text';
export { isValidIban } from '../pii/iban';
export { isValidLuhn } from '../pii/luhn';
export { type FoldedText, foldForMatching } from '../text/fold-for-matching';
