const marker = 'guardloop.error';
const symbol = Symbol.for(marker);

export interface GuardloopErrorOptions {
  message: string;
  cause?: unknown;
  isRetryable?: boolean;
}

/**
 * Base class of every error thrown by guardloop packages. `code` is stable across releases;
 * match on it (or on `isInstance`) rather than on messages or `instanceof`, which breaks when
 * two copies of a package are installed.
 */
export class GuardloopError extends Error {
  // Marker read by isInstance: survives duplicate installs, where instanceof does not.
  readonly [symbol] = true;
  readonly code: string;
  readonly isRetryable: boolean;
  declare readonly cause?: unknown;

  constructor(code: string, { message, cause, isRetryable = false }: GuardloopErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'GuardloopError';
    this.code = code;
    this.isRetryable = isRetryable;
  }

  static isInstance(error: unknown): error is GuardloopError {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[symbol] === true
    );
  }

  /** True when `error` is a guardloop error with the given code, across duplicate installs. */
  static hasCode<Code extends string>(
    error: unknown,
    code: Code,
  ): error is GuardloopError & { code: Code } {
    return GuardloopError.isInstance(error) && error.code === code;
  }
}
