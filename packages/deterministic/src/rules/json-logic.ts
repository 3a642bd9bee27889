import * as jsonLogicNamespace from 'json-logic-js';

type JsonLogic = typeof jsonLogicNamespace;

/**
 * json-logic-js ships as a UMD bundle, which Node's ESM loader exposes only as a default export
 * (its named exports are not detectable); bundlers expose the namespace. This works with both.
 */
export const jsonLogic: JsonLogic =
  (jsonLogicNamespace as unknown as { default?: JsonLogic }).default ?? jsonLogicNamespace;
