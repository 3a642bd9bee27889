/** Options of `Classifier.classify`. */
export interface ClassifyOptions {
  /** Aborts the classification; the promise then rejects with `abortSignal.reason`. */
  abortSignal?: AbortSignal;
}

/**
 * What a classifier says about one text. Compatible with core's `Intent`.
 *
 * When `abstained` is true the classifier was below its confidence floor: `label` is still its
 * best guess (useful for logging and for teaching it), but callers must not act on it.
 */
export interface Classification<Label extends string = string> {
  label: Label;
  /** 0..1; compared with the floor to decide `abstained`. */
  confidence: number;
  /** Probability per label where the classifier reports them (the local one reports all). */
  scores: Record<string, number>;
  abstained: boolean;
  /** Name of the classifier that answered, e.g. `local` or `model`. */
  classifier: string;
  /**
   * Whether the floor behind `abstained` was fitted on data. The local classifier always says
   * (`false` until calibrated); absent means the classifier does not know.
   */
  calibrated?: boolean;
}

/** Anything that maps a text to one of a fixed set of labels, and knows when it does not know. */
export interface Classifier<Label extends string = string> {
  readonly name: string;
  readonly labels: readonly Label[];
  /** Confidence below which the classifier abstains. */
  readonly floor: number;
  classify(text: string, options?: ClassifyOptions): Promise<Classification<Label>>;
}
