import { softmax } from './softmax';
import { argMax } from './train-model';

/** The raw output of a model on one held-out text. `labelIndex` undefined = out of scope. */
export interface CalibrationSample {
  logits: readonly number[];
  coverage: number;
  labelIndex: number | undefined;
}

export interface Calibration {
  temperature: number;
  /** Undefined when no out-of-scope samples were given: nothing to trade the floor against. */
  floor: number | undefined;
}

/**
 * Temperature scaling (the temperature minimising the negative log-likelihood of the true
 * labels of in-scope samples), then the floor maximising the mean of in-scope accuracy
 * (abstaining counts as wrong) and out-of-scope recall (abstaining counts as right).
 */
export function fitCalibration(
  samples: readonly CalibrationSample[],
  coverageExponent: number,
): Calibration {
  const inScope = samples.filter((sample) => sample.labelIndex !== undefined);
  const outOfScope = samples.filter((sample) => sample.labelIndex === undefined);
  let temperature = 1;
  let bestLoss = Infinity;
  for (let candidate = 0.05; candidate <= 5; candidate *= 1.05) {
    const loss = inScope.reduce((sum, sample) => {
      const probability = softmax(sample.logits, candidate)[sample.labelIndex ?? 0] ?? 0;
      return sum - Math.log(probability + 1e-12);
    }, 0);
    if (loss < bestLoss) [bestLoss, temperature] = [loss, candidate];
  }
  if (inScope.length === 0 || outOfScope.length === 0) return { temperature, floor: undefined };
  const scored = samples.map((sample) => {
    const probabilities = softmax(sample.logits, temperature);
    const best = argMax(probabilities);
    const confidence = (probabilities[best] ?? 0) * sample.coverage ** coverageExponent;
    return {
      confidence,
      inScope: sample.labelIndex !== undefined,
      correct: best === sample.labelIndex,
    };
  });
  let floor = 0;
  let bestScore = -1;
  for (let step = 0; step <= 100; step++) {
    const candidate = step / 100;
    const accuracy =
      scored.filter((item) => item.inScope && item.correct && item.confidence >= candidate).length /
      inScope.length;
    const recall =
      scored.filter((item) => !item.inScope && item.confidence < candidate).length /
      outOfScope.length;
    if ((accuracy + recall) / 2 > bestScore)
      [bestScore, floor] = [(accuracy + recall) / 2, candidate];
  }
  return { temperature, floor };
}
