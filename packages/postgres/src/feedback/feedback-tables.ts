import { feedbackBreakdownsTable } from '../migrations/feedback-human-reviews-migration';
import { feedbackTableNames } from '../migrations/feedback-migration';
import { qualifiedTable } from '../schema/database-schema';

export type FeedbackTables = { [Name in keyof typeof feedbackTableNames]: string } & {
  breakdowns: string;
};

/** The feedback tables of a validated schema, as `"schema"."table"`. */
export function feedbackTables(schema: string): FeedbackTables {
  return {
    outcomes: qualifiedTable(schema, feedbackTableNames.outcomes),
    traces: qualifiedTable(schema, feedbackTableNames.traces),
    aggregates: qualifiedTable(schema, feedbackTableNames.aggregates),
    artifacts: qualifiedTable(schema, feedbackTableNames.artifacts),
    artifactVersions: qualifiedTable(schema, feedbackTableNames.artifactVersions),
    problems: qualifiedTable(schema, feedbackTableNames.problems),
    breakdowns: qualifiedTable(schema, feedbackBreakdownsTable),
  };
}
