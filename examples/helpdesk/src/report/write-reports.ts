import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ReplayResult } from '../simulation/replay';
import { renderHtmlReport } from './html-report';
import { collectReportData } from './report-data';
import { renderTerminalReport } from './terminal-report';

/** Writes the HTML report to `htmlPath` and returns the terminal summary that points to it. */
export async function writeReports(replay: ReplayResult, htmlPath: string) {
  const data = await collectReportData(replay);
  await mkdir(dirname(htmlPath), { recursive: true });
  await writeFile(htmlPath, renderHtmlReport(data), 'utf8');
  return { data, terminal: renderTerminalReport(data, htmlPath) };
}
