/** Stable error codes of the ops-rollback example. Match on these, never on messages. */
export const opsErrorCodes = {
  unknownDeployment: 'unknown_deployment',
  deploymentChanged: 'deployment_changed',
} as const;

export type OpsErrorCode = (typeof opsErrorCodes)[keyof typeof opsErrorCodes];
