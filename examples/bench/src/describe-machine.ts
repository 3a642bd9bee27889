import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, arch as osArch, release, totalmem, type } from 'node:os';

export interface MachineInfo {
  cores: number;
  memoryGiB: number;
  cpu: string;
  os: string;
  node: string;
  /** `YYYY-MM-DD`, UTC. */
  date: string;
}

/** The operating system's own name when it has one (`/etc/os-release`), else the kernel's. */
function operatingSystem(): string {
  const kernel = `${type()} ${release()} ${osArch()}`;
  if (!existsSync('/etc/os-release')) return kernel;
  const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
  return pretty?.[1] ? `${pretty[1]} (${kernel})` : kernel;
}

/** What the figures were measured on: they only mean something next to it. */
export function describeMachine(now = new Date()): MachineInfo {
  return {
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    os: operatingSystem(),
    node: process.version,
    date: now.toISOString().slice(0, 10),
  };
}
