// Finds the processes a command started (by walking /proc), so a test can check that none outlive it.
import { readdirSync, readFileSync } from 'node:fs';

/** A process, identified by pid and start time (pids are reused). */
export interface ProcessInfo {
  pid: number;
  command: string;
  startTime: string;
}

function stat(pid: number): { ppid: number; command: string; startTime: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may contain spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(')');
    const command = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return { ppid: Number(fields[1]), command, startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

/** The process and all its descendants that are running now. */
export function processTree(rootPid: number): ProcessInfo[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const info = stat(pid);
    if (info === undefined) continue;
    children.set(info.ppid, [...(children.get(info.ppid) ?? []), pid]);
  }
  const out: ProcessInfo[] = [];
  const visit = (pid: number) => {
    const info = stat(pid);
    if (info === undefined) return;
    out.push({ pid, command: info.command, startTime: info.startTime });
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return out;
}

/** Whether this very process (same pid and start time) is still running. */
export function isRunning(process: ProcessInfo): boolean {
  const info = stat(process.pid);
  return info !== undefined && info.startTime === process.startTime;
}
