import type { InputIssue } from '@guardloop/core';
import type { ParsedPriorityConfig } from './priority-config';

function duplicates(values: readonly string[], path: string, issues: InputIssue[]) {
  values.forEach((value, position) => {
    if (values.indexOf(value) !== position) {
      issues.push({ path: `${path}.${position}`, message: `Duplicate '${value}'` });
    }
  });
}

/** Every missing or unknown matrix cell, duplicate level and default outside its list. */
export function findPriorityConfigIssues(
  config: ParsedPriorityConfig,
  levels: readonly string[],
): InputIssue[] {
  const issues: InputIssue[] = [];
  duplicates(levels, 'levels', issues);
  duplicates(config.impacts, 'impacts', issues);
  duplicates(config.urgencies, 'urgencies', issues);
  for (const impact of Object.keys(config.matrix)) {
    if (!config.impacts.includes(impact)) {
      issues.push({ path: `matrix.${impact}`, message: `Unknown impact '${impact}'` });
    }
  }
  for (const impact of config.impacts) {
    const row = Object.hasOwn(config.matrix, impact) ? config.matrix[impact] : undefined;
    if (row === undefined) {
      issues.push({ path: `matrix.${impact}`, message: `Missing the row of impact '${impact}'` });
      continue;
    }
    for (const urgency of Object.keys(row)) {
      if (!config.urgencies.includes(urgency)) {
        issues.push({
          path: `matrix.${impact}.${urgency}`,
          message: `Unknown urgency '${urgency}'`,
        });
      }
    }
    for (const urgency of config.urgencies) {
      const level = Object.hasOwn(row, urgency) ? row[urgency] : undefined;
      const path = `matrix.${impact}.${urgency}`;
      if (level === undefined) issues.push({ path, message: 'Missing cell' });
      else if (!levels.includes(level)) {
        issues.push({ path, message: `Unknown level '${level}' (levels: ${levels.join(', ')})` });
      }
    }
  }
  const { impact, urgency } = config.defaults ?? {};
  if (impact !== undefined && !config.impacts.includes(impact)) {
    issues.push({ path: 'defaults.impact', message: `Unknown impact '${impact}'` });
  }
  if (urgency !== undefined && !config.urgencies.includes(urgency)) {
    issues.push({ path: 'defaults.urgency', message: `Unknown urgency '${urgency}'` });
  }
  return issues;
}
