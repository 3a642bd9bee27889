import {
  type Classifier,
  createCascadeClassifier,
  type LocalClassifier,
  trainLocalClassifier,
} from '@guardloop/semantic';
import {
  type HelpdeskIntent,
  helpdeskIntents,
  loadHelpdeskDataset,
} from '@guardloop/semantic/data';

export interface IntentClassifierOptions {
  /** Cross-validation folds for calibration: fewer is faster. Default 3. */
  folds?: number;
  /** With a key, unsure local answers go to an OpenAI model through the `ai` SDK. */
  openAiApiKey?: string | undefined;
  openAiModel?: string;
  /** Replaces the OpenAI model (tests put a fake here to exercise the cascade offline). */
  model?: Classifier<HelpdeskIntent>;
  /** Sees every text sent to the model, for auditing that no personal data leaves. */
  onModelText?: (text: string) => void;
}

export interface IntentClassifier {
  classifier: Classifier<HelpdeskIntent>;
  /** The local classifier, which learns from agents' corrections. */
  local: LocalClassifier<HelpdeskIntent>;
  mode: 'local' | 'cascade';
  trainingMs: number;
}

/**
 * Trains the local intent classifier on the help-desk data set bundled with
 * @guardloop/semantic, and puts a language model behind it when there is one.
 */
export async function createIntentClassifier(
  options: IntentClassifierOptions = {},
): Promise<IntentClassifier> {
  const startedAt = performance.now();
  const dataset = loadHelpdeskDataset();
  const local = trainLocalClassifier({
    name: 'helpdesk-local',
    labels: dataset.labels,
    examples: [...dataset.train, ...dataset.test],
    outOfScope: [...dataset.outOfScope.validation, ...dataset.outOfScope.test],
    calibration: 'cross-validation',
    folds: options.folds ?? 3,
  });
  const trainingMs = performance.now() - startedAt;
  const model = options.model ?? (await openAiClassifier(options));
  if (!model) return { classifier: local, local, mode: 'local', trainingMs };
  const audited: Classifier<HelpdeskIntent> = {
    name: model.name,
    labels: model.labels,
    floor: model.floor,
    classify(text, classifyOptions) {
      options.onModelText?.(text);
      return model.classify(text, classifyOptions);
    },
  };
  const classifier = createCascadeClassifier({ local, model: audited });
  return { classifier, local, mode: 'cascade', trainingMs };
}

/** Imported only when a key is set: a run without one never loads the OpenAI provider. */
async function openAiClassifier(options: IntentClassifierOptions) {
  if (!options.openAiApiKey) return undefined;
  const [{ createOpenAI }, { createModelClassifier }] = await Promise.all([
    import('@ai-sdk/openai'),
    import('@guardloop/semantic/ai'),
  ]);
  const openai = createOpenAI({ apiKey: options.openAiApiKey });
  return createModelClassifier({
    model: openai(options.openAiModel ?? 'gpt-4.1-mini'),
    labels: helpdeskIntents,
    redactPii: true,
    maxRetries: 1,
    name: 'openai',
  });
}
