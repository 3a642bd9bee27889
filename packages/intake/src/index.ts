// Public root of @guardloop/intake. Each area adds its exports under its own heading.
export { type IntakeErrorCode, intakeErrorCodes } from './errors/intake-error-codes';

// --- email ---

// --- taxonomy, priority, form, webhooks, csat ---

// --- sla ---
