import type { InputIssue } from '@guardloop/core';

/** The first few issues as one line, for error messages. */
export function summarizeIssues(issues: readonly InputIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
}
