import type { InputIssue } from './invalid-input-error';

/** The first few issues as one line (`path: message; ...`), for error messages and reasons. */
export function summarizeIssues(issues: readonly InputIssue[], limit = 5): string {
  const shown = issues
    .slice(0, limit)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  const more = issues.length > limit ? ` (and ${issues.length - limit} more)` : '';
  return shown.join('; ') + more;
}
