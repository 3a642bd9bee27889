/** Stable error codes thrown by `@guardloop/deterministic` at load time. Match on these, not on messages. */
export const deterministicErrorCodes = {
  invalidPolicy: 'invalid_policy',
  unknownRole: 'unknown_role',
  unknownRbacAction: 'unknown_rbac_action',
  roleCycle: 'role_cycle',
  invalidRule: 'invalid_rule',
  duplicateRuleId: 'duplicate_rule_id',
  unknownOperator: 'unknown_operator',
} as const;

export type DeterministicErrorCode =
  (typeof deterministicErrorCodes)[keyof typeof deterministicErrorCodes];
