import type { CreateLocalClassifierOptions } from '../local/create-local-classifier';
import type { LocalClassifier } from '../local/local-classifier';
import { trainLocalClassifier } from '../local/train-local-classifier';
import type { HelpdeskIntent } from './helpdesk-intents';
import { loadHelpdeskDataset } from './load-helpdesk-dataset';

export interface CreateHelpdeskClassifierOptions
  extends Omit<CreateLocalClassifierOptions<HelpdeskIntent>, 'labels' | 'examples'> {
  /**
   * `all` (default) trains on every bundled example, for applications; `train` leaves the
   * test split out, which is what the quality figures in the README measure.
   */
  split?: 'all' | 'train';
  seed?: number;
}

/**
 * A local classifier trained on the bundled help-desk data set, with temperature and floor
 * fitted on a held-out share and the out-of-scope texts (`calibrated: true`). Takes well under
 * a second; save it with `toJSON()` if startup time matters.
 */
export function createHelpdeskClassifier(
  options: CreateHelpdeskClassifierOptions = {},
): LocalClassifier<HelpdeskIntent> {
  const { split = 'all', seed, ...settings } = options;
  const dataset = loadHelpdeskDataset(seed === undefined ? {} : { seed });
  const useAll = split === 'all';
  return trainLocalClassifier({
    name: 'helpdesk-local',
    ...settings,
    labels: dataset.labels,
    examples: useAll ? [...dataset.train, ...dataset.test] : dataset.train,
    outOfScope: useAll
      ? [...dataset.outOfScope.validation, ...dataset.outOfScope.test]
      : dataset.outOfScope.validation,
  });
}
