import type { InputIssue } from '@guardloop/core';
import { z } from 'zod';
import { InvalidSloError } from '../errors/invalid-slo-error';
import { configurationNameSchema, parseConfiguration, readableName } from '../parse-configuration';
import { parseWindow, type WindowInput } from '../window/window';
import { type BurnRateAlertInput, defaultBurnRateAlerts } from './burn-rate';
import { type BurnRateAlert, burnRateAlertSchema, resolveBurnRateAlert } from './burn-rate-alert';
import { bucketMsForWindow } from './slo-resolution';

export interface SloInput {
  name: string;
  /** Share of events that must be good, strictly between 0 and 1, e.g. `0.999`. */
  objective: number;
  /** The rolling window of the objective, e.g. `'30d'` (the default). */
  window?: WindowInput;
  /** The same window in milliseconds; give `window` or `windowMs`, not both. */
  windowMs?: number;
  /** Action types counted by the SLO and gated by its rail; all when absent. */
  actionTypes?: readonly string[];
  /** Burn-rate alerts; the SRE Workbook's three by default. */
  alerts?: readonly BurnRateAlertInput[];
  /** Fewer events than this in a window never fire an alert (one bad event out of two is noise). Default 1. */
  minimumEvents?: number;
}

const sloMarker = Symbol.for('guardloop.economic.slo');

/** A validated SLO, as returned by `defineSlo`. */
export interface Slo {
  readonly [sloMarker]: true;
  readonly name: string;
  readonly objective: number;
  readonly windowMs: number;
  readonly actionTypes: readonly string[] | undefined;
  readonly alerts: readonly BurnRateAlert[];
  readonly minimumEvents: number;
  /** How long its counters must be kept: prune no more recent than `now - retentionMs`. */
  readonly retentionMs: number;
}

const windowField = z.union([z.number(), z.string()]).optional();
const sloSchema = z.object({
  name: configurationNameSchema,
  objective: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1 (100% leaves no budget)'),
  window: windowField,
  windowMs: windowField,
  actionTypes: z.array(z.string().min(1)).min(1).optional(),
  alerts: z.array(burnRateAlertSchema).optional(),
  minimumEvents: z.int().min(1).default(1),
});

/**
 * Validates an SLO. Throws `InvalidSloError` (code `invalid_slo`) for a malformed definition
 * (objective outside (0, 1), both `window` and `windowMs`, an alert window longer than the SLO
 * window or a short window not shorter than its long one) and `InvalidWindowError` (code
 * `invalid_window`) for a window that is not a positive duration.
 */
export function defineSlo(input: SloInput): Slo {
  const name = readableName(input);
  const toError = (issues: InputIssue[], cause?: unknown) =>
    new InvalidSloError({ ...(name === undefined ? {} : { slo: name }), issues, cause });
  const parsed = parseConfiguration(sloSchema, input, toError);
  if (parsed.window !== undefined && parsed.windowMs !== undefined) {
    throw toError([{ path: 'window', message: 'give window or windowMs, not both' }]);
  }
  const subject = `SLO '${parsed.name}'`;
  const windowMs = parseWindow(
    (parsed.window ?? parsed.windowMs ?? '30d') as WindowInput,
    `${subject}.window`,
  );
  const alerts = (parsed.alerts ?? defaultBurnRateAlerts).map((alert, index) =>
    // Windows are checked by resolveBurnRateAlert itself, hence the cast from plain strings.
    resolveBurnRateAlert(alert as BurnRateAlertInput, {
      index,
      sloWindowMs: windowMs,
      subject,
      toError,
    }),
  );
  const coarsest = bucketMsForWindow(windowMs);
  return Object.freeze({
    [sloMarker]: true as const,
    name: parsed.name,
    objective: parsed.objective,
    windowMs,
    actionTypes:
      parsed.actionTypes === undefined ? undefined : Object.freeze([...parsed.actionTypes]),
    alerts: Object.freeze(alerts),
    minimumEvents: parsed.minimumEvents,
    retentionMs: Math.ceil(windowMs / coarsest) * coarsest + coarsest,
  });
}

/** True for values returned by `defineSlo` (also across duplicate installs). */
export function isSlo(value: unknown): value is Slo {
  return typeof value === 'object' && value !== null && sloMarker in value;
}
