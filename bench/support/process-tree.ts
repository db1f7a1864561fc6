/*
 * A browser is a tree of processes (browser, zygote, renderers, GPU, network): what the benchmarks
 * read of the whole tree from Linux's /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 10 ms on Linux. */
const TICK_MS = 10;

interface ProcessEntry {
  ppid: number;
  /** utime + stime + cutime + cstime: its own CPU time and that of its children it has reaped. */
  cpuTicks: number;
}

function processTable(): Map<number, ProcessEntry> {
  const table = new Map<number, ProcessEntry>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, … utime is field 14.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), {
        ppid: Number(f[1]),
        cpuTicks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]),
      });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** The pid and every descendant of it. */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of processTable())
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const tree: number[] = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * CPU time in ms of a process and all its descendants, those that already ended included (a
 * renderer process that exits is counted in its parent's cutime/cstime once reaped). Linux only;
 * 0 elsewhere or without a pid. Resolution 10 ms.
 */
export function treeCpuMs(rootPid: number | undefined): number {
  if (rootPid === undefined || process.platform !== 'linux') return 0;
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let ticks = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    ticks += table.get(pid)?.cpuTicks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks * TICK_MS;
}

/** This process's CPU time so far, user and system, in ms. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
