// Facts about the machine and the processes a benchmark measures (Linux /proc where available).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Current (VmRSS) and peak (VmHWM) resident memory of `pid` in MB; NaN when it cannot be read. */
export function readProcessMemoryMb(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** `N cores (`nproc`), CPU model, Node.js version, platform/arch`, for the reports. */
export function describeMachine() {
  const cpuModel = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const out = spawnSync('nproc', { encoding: 'utf8' });
  const nproc = out.status === 0 ? out.stdout.trim() : String(cpus().length);
  return `${nproc} cores (\`nproc\`), ${cpuModel}, Node.js ${process.version}, ${process.platform}/${process.arch}`;
}
