import type { Rail, RailContext, RailVerdict } from '@guardloop/core';
import { refundRequestSchema } from './helpdesk';

// Verdicts as plain literals, and the schema held locally: the leanest code a developer would
// write, so that the baseline pays no call into other modules that the rails would not.
const schema = refundRequestSchema;
const allow = (reason: string): RailVerdict => ({ verdict: 'allow', reason });
const deny = (reason: string, evidence?: unknown): RailVerdict => ({
  verdict: 'deny',
  reason,
  evidence,
});
const escalate = (reason: string): RailVerdict => ({ verdict: 'escalate', reason });

/**
 * The benchmark's baseline: the checks of the helpdesk schema, policy and rules written by hand
 * as a developer would without guardloop (same zod schema, RBAC and rules as if-statements),
 * returning verdicts with comparable explanations.
 */
export function handWrittenSchema(context: RailContext): RailVerdict {
  const action = context.action;
  if (action === undefined) return escalate('No action to validate.');
  const result = schema.safeParse(action);
  if (result.success) return allow(`The action request '${action.name}' is valid.`);
  return deny(`The action request '${action.name}' is malformed.`, result.error.issues);
}

const startsWith = (resource: string | undefined, prefix: string) =>
  resource?.startsWith(prefix) === true;

export function handWrittenRbac(context: RailContext): RailVerdict {
  const { actor, action } = context;
  if (action === undefined) return escalate('No action to authorise.');
  const { name, resource } = action;
  const request = `'${name}' on '${resource}'`;
  for (const role of actor.roles) {
    const denied =
      role === 'suspended' ||
      ((role === 'support-agent' || role === 'supervisor') &&
        name === 'refund' &&
        startsWith(resource, 'invoice:vip-')) ||
      (role === 'ai-agent' && (name === 'close_account' || name === 'export_data'));
    if (denied) return deny(`Role '${role}' may not ${request}: explicitly denied.`);
    if (
      (role === 'supervisor' && actor.type !== 'human') ||
      (role === 'ai-agent' && actor.type !== 'ai')
    ) {
      return deny(`Role '${role}' is not for ${actor.type} actors.`);
    }
  }
  for (const role of actor.roles) {
    const agentLike = role === 'support-agent' || role === 'ai-agent';
    const granted =
      role === 'supervisor' ||
      name === 'read_ticket' ||
      (agentLike && name === 'reply') ||
      (agentLike && name === 'refund' && startsWith(resource, 'invoice:')) ||
      (agentLike && name === 'reset_password' && startsWith(resource, 'account:'));
    if (granted) return allow(`Role '${role}' may ${request}: granted by permission '${name}'.`);
  }
  return deny(
    `Roles ${actor.roles.join(', ')} may not ${request}: no permission grants it (deny by default).`,
  );
}

export function handWrittenRules(context: RailContext): RailVerdict {
  const { actor, action, intent, attributes } = context;
  const customer = attributes?.customer as { plan?: string } | undefined;
  const ticket = attributes?.ticket as { tags?: string[] } | undefined;
  if (actor.type === 'ai' && action?.name === 'refund' && customer?.plan === 'enterprise') {
    return deny(
      "Rule 'no-ai-refund-to-enterprise' v2 matched: The AI may not refund enterprise customers.",
    );
  }
  if (actor.type === 'ai' && action?.reversible === false) {
    return deny("Rule 'irreversible-by-ai' v1 matched: The AI may not take irreversible actions.");
  }
  const reasons: string[] = [];
  const amount = action?.input.amount;
  if (action?.name === 'refund' && typeof amount === 'number' && amount > 500) {
    reasons.push("Rule 'high-value-refund' v3 matched: Refunds over 500 EUR need a human.");
  }
  if ((intent?.confidence ?? 0) < 0.7)
    reasons.push("Rule 'unsure-intent' v1 matched: not sure enough.");
  if (ticket?.tags?.includes('legal-hold'))
    reasons.push("Rule 'legal-hold' v1 matched: legal only.");
  return reasons.length > 0
    ? escalate(reasons.join(' '))
    : allow('No policy rule matched (5 checked).');
}

/** All three checks in one function, stopping at the first deny, as the rail engine does. */
export function handWrittenDecision(context: RailContext): RailVerdict {
  const schema = handWrittenSchema(context);
  if (schema.verdict === 'deny') return schema;
  const rbac = handWrittenRbac(context);
  if (rbac.verdict === 'deny') return rbac;
  const rules = handWrittenRules(context);
  if (rules.verdict !== 'allow') return rules;
  return schema.verdict === 'escalate' ? schema : rbac.verdict === 'escalate' ? rbac : rules;
}

const asRail = (name: string, check: (context: RailContext) => RailVerdict): Rail => ({
  name,
  kind: 'deterministic',
  evaluate: check,
});

export const handWrittenRails: readonly Rail[] = [
  asRail('schema', handWrittenSchema),
  asRail('rbac', handWrittenRbac),
  asRail('rules', handWrittenRules),
];
