// Errors
export {
  type DeterministicErrorCode,
  deterministicErrorCodes,
} from './errors/deterministic-error-codes';
export { DuplicateRuleIdError } from './errors/duplicate-rule-id-error';
export { InvalidPolicyError } from './errors/invalid-policy-error';
export { InvalidRuleError } from './errors/invalid-rule-error';
export { RoleCycleError } from './errors/role-cycle-error';
export { UnknownOperatorError } from './errors/unknown-operator-error';
export { UnknownRbacActionError } from './errors/unknown-rbac-action-error';
export { UnknownRoleError } from './errors/unknown-role-error';
// RBAC
export type { RbacCheck, RbacOutcome, RbacRequest } from './rbac/create-rbac-check';
export { createRbacPolicy, isRbacPolicy, type RbacPolicy } from './rbac/create-rbac-policy';
export {
  type Permission,
  permissionSchema,
  type RbacPolicyDefinition,
  type RbacPolicyInput,
  type RoleDefinition,
  rbacPolicySchema,
  roleDefinitionSchema,
} from './rbac/rbac-policy-schema';
export { type RbacRailOptions, rbacRail } from './rbac/rbac-rail';
export {
  maxResourceIdLength,
  type NormalizedResourceId,
  normalizeResourceId,
} from './rbac/resource-id';
export type { Grant } from './rbac/resource-matcher';
// Policy rules
export type { CustomOperation } from './rules/compile-json-logic';
export {
  createRuleSet,
  isRuleSet,
  type RuleFailure,
  type RuleSet,
  type RuleSetEvaluation,
  type RuleSetOptions,
} from './rules/create-rule-set';
export { builtInOperators } from './rules/json-logic-operations';
export {
  type PolicyRule,
  type PolicyRuleInput,
  policyRuleSchema,
} from './rules/policy-rule-schema';
export { projectRailContext, type RuleData } from './rules/project-rail-context';
export { maxRuleDepth } from './rules/rule-depth';
export { type RulesRailOptions, rulesRail } from './rules/rules-rail';
// Schema
export {
  type SchemaRailOptions,
  type SchemaTargetSelector,
  schemaRail,
} from './schema/schema-rail';
