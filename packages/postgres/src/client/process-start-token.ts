/**
 * Identifies one run of process `pid`: pids are reused, so a lock naming a live pid may belong
 * to a process that is long gone. On Linux this is the boot id plus the process start time from
 * `/proc`; elsewhere `undefined` (liveness then rests on the pid alone).
 */
export function processStartToken(pid: number): string | undefined {
  const fs = process.getBuiltinModule('node:fs');
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTime = fields[19]; // field 22, starttime
    const bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return startTime ? `${bootId}:${startTime}` : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
