import type { RailContext, RailVerdict } from '@guardloop/core';
import { rbacRail } from './rbac/rbac-rail';
import { createRuleSet } from './rules/create-rule-set';
import { rulesRail } from './rules/rules-rail';
import { schemaRail } from './schema/schema-rail';
import { handWrittenDecision } from './test-fixtures/hand-written-rails';
import { helpdeskPolicy, helpdeskRules, refundContext, refundRequestSchema } from './test-fixtures/helpdesk';
const rails = [schemaRail(refundRequestSchema), rbacRail(helpdeskPolicy), rulesRail(createRuleSet(helpdeskRules))];
const options = { abortSignal: new AbortController().signal };
function railsDirectly(c: RailContext): RailVerdict {
  let last: RailVerdict | undefined;
  for (const rail of rails) { last = rail.evaluate(c, options) as RailVerdict; if (last.verdict === 'deny') return last; }
  return last as RailVerdict;
}
let sink: unknown;
const which = process.argv[2] ?? 'all';
const time = (name: string, f: () => unknown) => {
  for (let i = 0; i < 200000; i++) sink = f();
  const t = performance.now();
  const n = 1_000_000;
  for (let i = 0; i < n; i++) sink = f();
  console.log(name, (((performance.now() - t) * 1000) / n).toFixed(3), 'µs');
};
for (let r = 0; r < 3; r++) {
  if (which === 'all' || which === 'hand') time('hand', () => handWrittenDecision(refundContext));
  if (which === 'all' || which === 'rails') time('rails', () => railsDirectly(refundContext));
  if (which === 'all') {
    time('schema', () => rails[0]!.evaluate(refundContext, options));
    time('rbac', () => rails[1]!.evaluate(refundContext, options));
    time('rules', () => rails[2]!.evaluate(refundContext, options));
  }
}
export { sink };
