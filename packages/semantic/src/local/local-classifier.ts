import type { Classifier } from '../classifier/classifier';
import type { LocalClassifierJson } from './local-classifier-json';
import type { TrainingExample } from './training-example';

/** Raw model outputs for one text, aligned with `labels`: for diagnostics and calibration. */
export interface LocalInspection {
  logits: number[];
  coverage: number;
}

export interface CalibrateOptions<Label extends string = string> {
  /** Labelled in-scope examples the classifier was NOT trained on. */
  examples: readonly TrainingExample<Label>[];
  /** Texts that match no label; without them the floor is left unchanged. */
  outOfScope?: readonly string[];
}

export interface CalibrationResult {
  temperature: number;
  floor: number;
  /** True once a floor was fitted against out-of-scope texts (now or before). */
  calibrated: boolean;
}

/**
 * The embedded classifier: trainable, incrementally correctable, serialisable, no network.
 * Its confidence is `max probability x coverage ^ coverageExponent`, so texts made of words it
 * never saw fall below the floor even when one label happens to win the softmax.
 */
export interface LocalClassifier<Label extends string = string> extends Classifier<Label> {
  readonly temperature: number;
  /**
   * False until the floor is fitted against out-of-scope texts; every classification repeats
   * it, so the intent rail can warn that the floor (default 0.3) was never checked.
   */
  readonly calibrated: boolean;
  readonly coverageExponent: number;
  /** Training documents seen so far. */
  readonly documentCount: number;
  /** Corrects the model with one example (an outcome a human confirmed or fixed). */
  learn(example: TrainingExample<Label>): void;
  /** Trains on a batch (several shuffled passes); all examples are validated first. */
  train(examples: readonly TrainingExample<Label>[]): void;
  /** Fits the temperature on held-out examples, and the floor when `outOfScope` is given. */
  calibrate(options: CalibrateOptions<Label>): CalibrationResult;
  inspect(text: string): LocalInspection;
  toJSON(): LocalClassifierJson;
}
