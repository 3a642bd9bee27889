import { GuardloopError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { baseErrorClasses, entryPoints, errorSamples } from './error-samples.fixture';

interface ErrorClass {
  name: string;
  isInstance(error: unknown): boolean;
}

// Every error class exported by a public entry point, as `entry point/ClassName`.
const exportedClasses = new Map<string, ErrorClass>();
for (const [entry, module] of Object.entries(entryPoints)) {
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === 'function' && value.prototype instanceof Error) {
      exportedClasses.set(`${entry}/${name}`, value as unknown as ErrorClass);
    }
  }
}

const samples = Object.entries(errorSamples).flatMap(([entry, byName]) =>
  Object.entries(byName).map(([name, create]) => ({ id: `${entry}/${name}`, error: create() })),
);

describe('error identity across the packages', () => {
  it('has a sample for every exported error class but the bases', () => {
    const sampled = samples.map((sample) => sample.id);
    const unsampled = [...exportedClasses.keys()].filter(
      (id) => !sampled.includes(id) && !baseErrorClasses.some((base) => id.endsWith(`/${base}`)),
    );
    expect(unsampled).toEqual([]);
    expect(sampled.filter((id) => !exportedClasses.has(id))).toEqual([]);
  });

  it('gives every error class its own code', () => {
    const byCode = new Map<string, string[]>();
    for (const { id, error } of samples) {
      byCode.set(error.code, [...(byCode.get(error.code) ?? []), id]);
    }
    const shared = [...byCode].filter(([, ids]) => ids.length > 1);
    expect(shared).toEqual([]);
  });

  it('tells the classes apart with isInstance, also for an error of another install', () => {
    const mismatches: string[] = [];
    for (const [classId, errorClass] of exportedClasses) {
      for (const { id, error } of samples) {
        // A copy keeps the markers but not the prototype: what a second install of the package throws.
        const copy = { ...error };
        const expected = error instanceof (errorClass as unknown as new () => Error);
        if (errorClass.isInstance(error) !== expected || errorClass.isInstance(copy) !== expected) {
          mismatches.push(`${classId}.isInstance(${id}) should be ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps GuardloopError.isInstance true for every sample and false for other errors', () => {
    for (const { error } of samples) {
      expect(GuardloopError.isInstance(error)).toBe(true);
      expect(GuardloopError.isInstance({ ...error })).toBe(true);
    }
    expect(GuardloopError.isInstance(new Error('plain'))).toBe(false);
    expect(GuardloopError.isInstance({ code: 'invalid_input' })).toBe(false);
    expect(GuardloopError.isInstance(null)).toBe(false);
  });
});
