import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

/** The spans as an OTLP/JSON `ExportTraceServiceRequest` (what an OTLP/HTTP exporter posts). */
export function toOtlpJson(spans: ReadableSpan[]): string {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  return bytes ? new TextDecoder().decode(bytes) : '{"resourceSpans":[]}';
}

export async function writeOtlpJson(path: string, spans: ReadableSpan[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, toOtlpJson(spans), 'utf8');
}

/** `--otlp-json <file>` on the command line, else `GUARDLOOP_OTLP_JSON`; undefined for neither. */
export function otlpJsonPath(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const index = argv.indexOf('--otlp-json');
  const equals = argv.find((argument) => argument.startsWith('--otlp-json='));
  const fromFlag = index >= 0 ? argv[index + 1] : equals?.slice('--otlp-json='.length);
  // A forgotten file name fails before a two-minute replay, not after it.
  if ((index >= 0 || equals) && (!fromFlag || fromFlag.startsWith('--')))
    throw new Error('--otlp-json needs a file: pnpm demo -- --otlp-json spans.json');
  return fromFlag ?? (env.GUARDLOOP_OTLP_JSON || undefined);
}
