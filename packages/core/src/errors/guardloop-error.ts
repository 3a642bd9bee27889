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
 * two copies of a package are installed, or when one is loaded both as ESM and as CommonJS.
 *
 * Each subclass carries its own marker (`Symbol.for('guardloop.error.<code>')`) and its own
 * `static isInstance`, so `ToolCallDeniedError.isInstance(error)` tells it from its siblings.
 */
export class GuardloopError<Code extends string = string> extends Error {
  // Marker read by isInstance: Symbol.for keys survive duplicate installs, where instanceof does not.
  readonly [symbol] = true;
  readonly code: Code;
  readonly isRetryable: boolean;
  declare readonly cause?: unknown;

  constructor(code: Code, { message, cause, isRetryable = false }: GuardloopErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'GuardloopError';
    this.code = code;
    this.isRetryable = isRetryable;
  }

  static isInstance(error: unknown): error is GuardloopError {
    return GuardloopError.hasMarker(error, marker);
  }

  /** True when `error` is a guardloop error with the given code, across duplicate installs. */
  static hasCode<Code extends string>(error: unknown, code: Code): error is GuardloopError<Code> {
    return GuardloopError.isInstance(error) && error.code === code;
  }

  /**
   * True when `error` carries the marker `Symbol.for(name)` set by an error class: what each
   * subclass's `isInstance` asks, with the name of its own marker.
   */
  protected static hasMarker(error: unknown, name: string): boolean {
    return (
      typeof error === 'object' &&
      error !== null &&
      (error as Record<symbol, unknown>)[Symbol.for(name)] === true
    );
  }
}
