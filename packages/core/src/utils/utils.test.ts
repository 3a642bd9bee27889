import { describe, expect, it, vi } from 'vitest';
import { GuardloopError } from '../errors/guardloop-error';
import { InvalidInputError } from '../errors/invalid-input-error';
import { raceAbort } from './abort';
import { createManualClock } from './clock';

describe('createManualClock', () => {
  it('fires timers in order as time advances, and can cancel them', () => {
    const clock = createManualClock(100);
    const fired: string[] = [];
    clock.setTimer(50, () => fired.push('b'));
    clock.setTimer(10, () => fired.push('a'));
    const cancel = clock.setTimer(20, () => fired.push('cancelled'));
    cancel();
    clock.advance(49);
    expect(fired).toEqual(['a']);
    clock.advance(1);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(150);
    expect(clock.pendingTimers()).toBe(0);
    expect(() => clock.set(0)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('rejects times that are not finite numbers with invalid_input', () => {
    const clock = createManualClock(0);
    for (const bad of [Number.NaN, Infinity, '5', undefined]) {
      expect(() => clock.advance(bad as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
      expect(() => clock.set(bad as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    for (const bad of ['x', Number.NaN, new Date(Number.NaN), null]) {
      expect(() => createManualClock(bad as never)).toThrow(
        expect.objectContaining({ code: 'invalid_input' }),
      );
    }
    expect(clock.now()).toBe(0);
  });

  it('sees the time of the timer inside its callback', () => {
    const clock = createManualClock(0);
    const seen = vi.fn();
    clock.setTimer(30, () => seen(clock.now()));
    clock.advance(100);
    expect(seen).toHaveBeenCalledWith(30);
  });
});

describe('GuardloopError', () => {
  it('is recognised across duplicate installs by its marker', () => {
    const error = new InvalidInputError({ subject: 'x', issues: [] });
    const copy = { ...error, [Symbol.for('guardloop.error')]: true };
    expect(GuardloopError.isInstance(error)).toBe(true);
    expect(GuardloopError.isInstance(copy)).toBe(true);
    expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
    expect(GuardloopError.hasCode(error, 'other')).toBe(false);
    expect(GuardloopError.isInstance(null)).toBe(false);
  });
});

describe('raceAbort', () => {
  it('settles with the promise, or rejects with the abort reason', async () => {
    await expect(raceAbort(Promise.resolve(1), new AbortController().signal)).resolves.toBe(1);
    const controller = new AbortController();
    const pending = raceAbort(new Promise(() => {}), controller.signal);
    controller.abort(new Error('bye'));
    await expect(pending).rejects.toThrow('bye');
  });

  it('rejects something that is not a promise with invalid_input', async () => {
    for (const value of [null, undefined, 42, {}]) {
      await expect(raceAbort(value as never, undefined)).rejects.toMatchObject({
        code: 'invalid_input',
      });
    }
  });
});
