import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const running = new Set<ChildProcess>();

// Children never outlive their test, whatever happened in it.
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

export interface Child {
  /** Resolves with the first stdout line that starts with `prefix` (rejects if the child exits first). */
  waitForLine(prefix: string): Promise<string>;
  /** Resolves with the exit code (or the signal) once the child ended. */
  exited: Promise<number | NodeJS.Signals | null>;
  kill(signal?: NodeJS.Signals): void;
  /** Writes a line to the child's stdin. */
  send(line: string): void;
  /** Everything written to stderr so far, for failure messages. */
  stderr(): string;
}

/**
 * Runs a TypeScript file of this folder in a Node child that resolves workspace packages to
 * their sources (`--conditions=@guardloop/source --import tsx`). The child is SIGKILLed after
 * `timeoutMs` and at the end of the test at the latest.
 */
export function spawnChild(script: string, args: string[], timeoutMs = 60_000): Child {
  const path = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=@guardloop/source', '--import', 'tsx', path, ...args],
    {
      cwd: repositoryRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const watchdog = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      running.delete(child);
      resolve(signal ?? code);
    }),
  );
  const waitForLine = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = stdout.split('\n').find((candidate) => candidate.startsWith(prefix));
        if (line === undefined) return false;
        child.stdout?.off('data', check);
        resolve(line);
        return true;
      };
      if (check()) return;
      child.stdout?.on('data', check);
      void exited.then((code) => {
        if (!check())
          reject(
            new Error(
              `Child ${script} exited (${String(code)}) before '${prefix}'. stderr:\n${stderr}`,
            ),
          );
      });
    });
  return {
    waitForLine,
    exited,
    kill: (signal = 'SIGKILL') => child.kill(signal),
    send: (line) => void child.stdin?.write(`${line}\n`),
    stderr: () => stderr,
  };
}
