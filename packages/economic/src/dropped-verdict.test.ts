import { describe, expect, it } from 'vitest';
import { takeForVerdict } from './dropped-verdict';

function holder({ applied = true, failGiveBack = false } = {}) {
  const given: string[] = [];
  const heard: unknown[] = [];
  const controller = new AbortController();
  const hold = (take: (abortSignal: AbortSignal) => Promise<string> = async () => 'slot') =>
    takeForVerdict({
      abortSignal: controller.signal,
      take,
      applied: () => applied,
      giveBack: (taken) => {
        if (failGiveBack) throw new Error('store down');
        given.push(taken);
      },
      onGiveBackError: (error, taken) => {
        heard.push([(error as Error).message, taken]);
        throw new Error('reporter broke');
      },
    });
  return { given, heard, controller, hold };
}

describe('takeForVerdict', () => {
  it('holds what was taken until the signal aborts, then gives it back once', async () => {
    const { given, controller, hold } = holder();
    expect(await hold()).toBe('slot');
    expect(given).toEqual([]);
    controller.abort(new Error('dropped'));
    controller.abort(new Error('again'));
    expect(given).toEqual(['slot']);
  });

  it('gives back and rejects with the abort reason when the take resolved after the abort', async () => {
    const { given, controller, hold } = holder();
    const pending = hold(async () => {
      controller.abort(new Error('dropped'));
      return 'slot';
    });
    await expect(pending).rejects.toThrow('dropped');
    expect(given).toEqual(['slot']);
  });

  it('gives nothing back for a refused take, or a take that rejected', async () => {
    const refused = holder({ applied: false });
    expect(await refused.hold()).toBe('slot');
    refused.controller.abort(new Error('dropped'));
    expect(refused.given).toEqual([]);
    const failed = holder();
    await expect(
      failed.hold(async () => {
        throw new Error('store down');
      }),
    ).rejects.toThrow('store down');
    failed.controller.abort(new Error('dropped'));
    expect(failed.given).toEqual([]);
  });

  it('reports a failed give-back, even a synchronous throw, and ignores a reporter that throws', async () => {
    const { heard, controller, hold } = holder({ failGiveBack: true });
    await hold();
    controller.abort(new Error('dropped'));
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(heard).toEqual([['store down', 'slot']]);
    const late = holder({ failGiveBack: true });
    await expect(
      late.hold(async () => {
        late.controller.abort(new Error('dropped'));
        return 'slot';
      }),
    ).rejects.toThrow('dropped');
    expect(late.heard).toEqual([['store down', 'slot']]);
  });
});
