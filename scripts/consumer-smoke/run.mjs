#!/usr/bin/env node
// Consumer smoke test: installs the packed packages into a fresh npm project outside the workspace
// and uses them the way an application would, from ESM and from CommonJS, and type-checks a consumer
// under strict settings. publint and attw check the manifests and the type entry points; only running
// the builds catches a broken interop such as an ESM-only dependency required by the CommonJS build.
// A second project installs @guardloop/postgres alone, as its README says, so that a package that
// needs one of its optional peers at load fails here rather than in an application.
//
//   pnpm smoke:consumer              build, pack, install, run, type-check
//   pnpm smoke:consumer --no-build   reuse the dist/ folders (CI builds just before)
//   pnpm smoke:consumer --keep       keep the temporary project for inspection
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const consumerSources = join(import.meta.dirname, 'consumer');
const postgresOnlySources = join(import.meta.dirname, 'postgres-only');
const args = new Set(process.argv.slice(2));
const build = !args.has('--no-build');
const keep = args.has('--keep');

const results = [];
const packageDirs = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join(root, 'packages', entry.name));
const project = mkdtempSync(join(tmpdir(), 'guardloop-consumer-'));
// Beside the project, not in it: Node would find the project's node_modules from a subfolder.
const postgresOnly = mkdtempSync(join(tmpdir(), 'guardloop-consumer-postgres-only-'));
const tarballs = join(project, 'tarballs');

function run(command, commandArgs, options = {}) {
  console.log(`$ ${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, {
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    // A registry that stops answering must fail the smoke, not hang CI.
    timeout: options.timeoutMs ?? 300_000,
    cwd: options.cwd ?? root,
    env: options.env ?? process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) console.log(String(result.error));
  return { ok: result.status === 0, stdout: result.stdout ?? '' };
}

/** Runs one step; a failed step is reported at the end, and `fatal` steps stop the smoke at once. */
function step(name, body, { fatal = false } = {}) {
  console.log(`\n--> ${name}`);
  const started = Date.now();
  let ok;
  try {
    ok = body() !== false;
  } catch (error) {
    console.log(error?.stack ?? String(error));
    ok = false;
  }
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  if (!ok && fatal) finish();
}

function finish() {
  console.log('\nconsumer smoke summary');
  for (const { name, ok, seconds } of results) {
    console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name} (${seconds} s)`);
  }
  const failed = results.filter((result) => !result.ok).length;
  if (failed === 0 && !keep) {
    rmSync(project, { recursive: true, force: true });
    rmSync(postgresOnly, { recursive: true, force: true });
  } else console.log(`the consumer projects are kept in ${project} and ${postgresOnly}`);
  console.log(failed === 0 ? 'consumer smoke: passed' : `consumer smoke: ${failed} step(s) failed`);
  process.exit(failed === 0 ? 0 : 1);
}

/**
 * The environment without the npm_* variables pnpm sets for scripts, so the workspace's settings do
 * not leak into the consumer's npm; the registry, proxy and certificate settings are kept.
 */
function consumerEnv() {
  const kept = /^npm_config_(registry|cafile|proxy|https_proxy|noproxy|strict_ssl)$/i;
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || kept.test(key)),
  );
}

/** The version the workspace resolved for a dependency, so the consumer tests what CI tested. */
function workspaceVersion(from, name) {
  const manifest = join(root, from, 'node_modules', name, 'package.json');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/**
 * The diagnostics about the consumer's files and guardloop's declarations. Other libraries' own
 * declarations (ai needs the DOM lib, xstate breaks under exactOptionalPropertyTypes) are not ours
 * to fix, and a consumer skips them with skipLibCheck; they are only counted.
 */
function ownDiagnostics(output) {
  const own = [];
  let foreign = 0;
  let keepLine = false;
  for (const line of output.split('\n')) {
    if (/^\S.*\(\d+,\d+\): error TS\d+/.test(line)) {
      keepLine = !line.startsWith('node_modules/') || line.startsWith('node_modules/@guardloop/');
      if (!keepLine) foreign++;
    } else if (!/^\s/.test(line)) {
      keepLine = line.trim() !== '';
    }
    if (keepLine) own.push(line);
  }
  return { own: own.join('\n'), foreign };
}

console.log(`consumer smoke: ${packageDirs.length} packages, project ${project}`);

if (build) {
  // Generous: a loaded machine builds slowly; the timeout is only there to stop a hang.
  const buildAll = () => run('pnpm', ['build'], { timeoutMs: 900_000 }).ok;
  step('build every package (pnpm build)', buildAll, { fatal: true });
}

step(
  'pack every package (pnpm pack)',
  () =>
    packageDirs.every(
      (dir) => run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir }).ok,
    ),
  { fatal: true },
);

step(
  'install the tarballs and the peers with npm, outside the workspace',
  () => {
    const manifest = { name: 'guardloop-consumer-smoke', private: true, type: 'module' };
    writeFileSync(join(project, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const file of readdirSync(consumerSources)) {
      copyFileSync(join(consumerSources, file), join(project, file));
    }
    // One source, three compilation modes: ESM (.mts), CommonJS (.cts), bundler (.ts).
    for (const typed of ['typed', 'typed-ai']) {
      copyFileSync(join(project, `${typed}.ts`), join(project, `${typed}.mts`));
      copyFileSync(join(project, `${typed}.ts`), join(project, `${typed}.cts`));
    }
    const peers = [
      `zod@${workspaceVersion('packages/core', 'zod')}`,
      `ai@${workspaceVersion('packages/ai-sdk', 'ai')}`,
      `@opentelemetry/api@${workspaceVersion('packages/otel', '@opentelemetry/api')}`,
      `@electric-sql/pglite@${workspaceVersion('packages/postgres', '@electric-sql/pglite')}`,
      `typescript@${workspaceVersion('.', 'typescript')}`,
      `@types/node@${workspaceVersion('.', '@types/node')}`,
    ];
    const packed = readdirSync(tarballs).map((file) => join(tarballs, file));
    console.log(`tarballs: ${readdirSync(tarballs).join(', ')}\npeers: ${peers.join(', ')}`);
    const npmArgs = ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packed, ...peers];
    return run('npm', npmArgs, { cwd: project, env: consumerEnv() }).ok;
  },
  { fatal: true },
);

step('ESM consumer: node smoke.mjs', () => run('node', ['smoke.mjs'], { cwd: project }).ok);
step('CommonJS consumer: node smoke.cjs', () => run('node', ['smoke.cjs'], { cwd: project }).ok);

// The project above has every package, so it cannot see an optional peer that is not optional.
// This one installs @guardloop/postgres for an undo-log-only host, as its README says (no
// @guardloop/economic, @guardloop/feedback or @guardloop/inbox, no pg, no vitest: all optional
// peers) and loads the root and the `./undo-log` subpath both ways.
step('optional peers stay optional: @guardloop/postgres for the undo log only', () => {
  const dir = postgresOnly;
  const manifest = { name: 'guardloop-consumer-postgres-only', private: true, type: 'module' };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const readmeInstall = ['core', 'undo-log', 'postgres'];
  const packed = readdirSync(tarballs)
    .filter((file) => readmeInstall.some((name) => new RegExp(`^guardloop-${name}-\\d`).test(file)))
    .map((file) => join(tarballs, file));
  if (packed.length !== readmeInstall.length) throw new Error(`tarballs: ${packed.join(', ')}`);
  const pglite = `@electric-sql/pglite@${workspaceVersion('packages/postgres', '@electric-sql/pglite')}`;
  const npmArgs = ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packed, pglite];
  if (!run('npm', npmArgs, { cwd: dir, env: consumerEnv() }).ok) return false;
  const optionalPeers = [
    '@guardloop/economic',
    '@guardloop/feedback',
    '@guardloop/inbox',
    'pg',
    'vitest',
  ];
  const present = optionalPeers.filter((name) => existsSync(join(dir, 'node_modules', name)));
  if (present.length > 0) throw new Error(`npm installed the optional peers ${present.join(', ')}`);
  for (const file of readdirSync(postgresOnlySources)) {
    copyFileSync(join(postgresOnlySources, file), join(dir, file));
  }
  const esmOk = run('node', ['load.mjs'], { cwd: dir }).ok;
  const cjsOk = run('node', ['load.cjs'], { cwd: dir }).ok;
  return esmOk && cjsOk;
});

const strict = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noEmit: true,
  target: 'es2023',
  lib: ['es2023'],
  types: ['node'],
  // Checks the published declaration files too; see ownDiagnostics for what counts.
  skipLibCheck: false,
};
const everyMode = ['typed.mts', 'typed.cts', 'typed-ai.mts', 'typed-ai.cts'];
const typeChecks = [
  // node16 cannot require ESM, so no CommonJS file there may import the ESM-only `ai`.
  { name: 'node16', module: 'node16', moduleResolution: 'node16', files: everyMode.slice(0, 3) },
  // nodenext models require(esm), which Node >= 22.12 (the packages' engines) has.
  { name: 'nodenext', module: 'nodenext', moduleResolution: 'nodenext', files: everyMode },
  {
    name: 'bundler',
    module: 'preserve',
    moduleResolution: 'bundler',
    files: ['typed.ts', 'typed-ai.ts'],
  },
];
for (const { name, files, ...modules } of typeChecks) {
  step(`type-check the consumer: tsc, ${name} (${files.join(', ')})`, () => {
    const config = `tsconfig.${name}.json`;
    const compilerOptions = { ...strict, ...modules };
    writeFileSync(join(project, config), JSON.stringify({ compilerOptions, files }, null, 2));
    const tsc = join(project, 'node_modules', '.bin', 'tsc');
    const tscArgs = ['-p', config, '--pretty', 'false'];
    const { ok, stdout } = run(tsc, tscArgs, { cwd: project, capture: true });
    const { own, foreign } = ownDiagnostics(stdout);
    if (foreign > 0)
      console.log(`(${foreign} errors inside other libraries' declarations ignored)`);
    if (own) console.log(own);
    // tsc failing with no diagnostic of its own to show (a crash, a missing binary) fails too.
    return own === '' && (ok || foreign > 0);
  });
}

finish();
