import type { Intent, LoopSteps, Rail, Signal } from '@guardloop/core';
import type * as internal from '@guardloop/semantic/internal';
import { describe, expectTypeOf, it } from 'vitest';
import type * as semantic from './index';
import type {
  BrandSafetyFinding,
  BrandSafetyRailOptions,
  CalibrateOptions,
  CalibrationResult,
  CascadeClassifier,
  CascadeStats,
  Classification,
  Classifier,
  ClassifyOptions,
  FeatureOptions,
  IntentRailOptions,
  IntentStep,
  IntentStepOptions,
  LocalClassifier,
  LocalClassifierJson,
  LocalClassifierSettings,
  LocalInspection,
  PiiFinding,
  PiiRailOptions,
  QualityReport,
  TextSelector,
  TrainingExample,
} from './index';

type Root = typeof semantic;
type Internal = typeof internal;

// Every type in a public signature can be named from the root (no deep import needed).
describe('public type exports', () => {
  it('names the classifier contract and what classifiers take and give', () => {
    expectTypeOf<Classifier['classify']>()
      .parameter(1)
      .toEqualTypeOf<ClassifyOptions | undefined>();
    expectTypeOf<Classifier['classify']>().returns.resolves.toEqualTypeOf<Classification>();
    expectTypeOf<CascadeClassifier['stats']>().returns.toEqualTypeOf<CascadeStats>();
    expectTypeOf<LocalClassifier>().toExtend<Classifier>();
    expectTypeOf<LocalClassifier['learn']>().parameter(0).toEqualTypeOf<TrainingExample>();
    expectTypeOf<LocalClassifier['calibrate']>().parameter(0).toEqualTypeOf<CalibrateOptions>();
    expectTypeOf<LocalClassifier['calibrate']>().returns.toEqualTypeOf<CalibrationResult>();
    expectTypeOf<LocalClassifier['inspect']>().returns.toEqualTypeOf<LocalInspection>();
    expectTypeOf<LocalClassifier['toJSON']>().returns.toEqualTypeOf<LocalClassifierJson>();
    expectTypeOf<LocalClassifierSettings['features']>().toEqualTypeOf<FeatureOptions>();
    expectTypeOf<Root['evaluateClassifier']>().returns.resolves.toEqualTypeOf<QualityReport>();
  });

  it('names the options of the rails and what the detectors find', () => {
    expectTypeOf<Root['intentRail']>().parameter(0).toEqualTypeOf<IntentRailOptions>();
    expectTypeOf<Root['intentRail']>().returns.toEqualTypeOf<Rail>();
    expectTypeOf<Root['piiRail']>().parameter(0).toEqualTypeOf<PiiRailOptions | undefined>();
    expectTypeOf<Root['brandSafetyRail']>()
      .parameter(0)
      .toEqualTypeOf<BrandSafetyRailOptions | undefined>();
    expectTypeOf<IntentRailOptions['selectText']>().toEqualTypeOf<TextSelector | undefined>();
    expectTypeOf<Root['detectPii']>().returns.toEqualTypeOf<PiiFinding[]>();
    expectTypeOf<Root['checkBrandSafety']>().returns.toEqualTypeOf<BrandSafetyFinding[]>();
  });

  it('builds the loop step from any classifier', () => {
    expectTypeOf<Root['createIntentStep']>().parameter(0).toEqualTypeOf<Classifier>();
    expectTypeOf<Root['createIntentStep']>()
      .parameter(1)
      .toEqualTypeOf<IntentStepOptions | undefined>();
    expectTypeOf<Root['createIntentStep']>().returns.toEqualTypeOf<IntentStep>();
    expectTypeOf<IntentStep>().toExtend<LoopSteps['classifyIntent']>();
    expectTypeOf<IntentStep>().returns.resolves.toEqualTypeOf<Intent>();
    expectTypeOf<IntentStepOptions['text']>().toEqualTypeOf<
      ((signal: Signal) => string | undefined) | undefined
    >();
  });

  it('keeps checksums, text folding and n-gram internals on ./internal, off the root', () => {
    expectTypeOf<Root>().not.toHaveProperty('isValidLuhn');
    expectTypeOf<Internal>().toHaveProperty('isValidLuhn');
    expectTypeOf<Root>().not.toHaveProperty('isValidIban');
    expectTypeOf<Internal>().toHaveProperty('isValidIban');
    expectTypeOf<Root>().not.toHaveProperty('featureOptionsSchema');
    expectTypeOf<Internal>().toHaveProperty('featureOptionsSchema');
    expectTypeOf<Root>().not.toHaveProperty('foldForMatching');
    expectTypeOf<Internal>().toHaveProperty('foldForMatching');
    expectTypeOf<Root>().not.toHaveProperty('extractFeatures');
    expectTypeOf<Internal>().toHaveProperty('extractFeatures');
    expectTypeOf<Root>().not.toHaveProperty('normalizeText');
    expectTypeOf<Internal>().toHaveProperty('normalizeText');
  });
});
