/**
 * Import cycles among project files. Type-only imports count: a cycle of types still ties two files into one unit
 * that cannot be read, moved or tested apart. Pure: callers supply the files.
 */
import { projectImports, type SourceFile } from './import-rules.ts';

/**
 * Cycles left to the work that owns them. The architecture test fails when one of them is gone, so the list only
 * shrinks (`known-offences.ts`). Empty now: a new cycle is broken, not listed.
 */
export const KNOWN_CYCLES: readonly string[] = [];

/**
 * One cycle per group of files that import each other (directly or through others): the shortest way from the
 * group's first file (by path) back to itself, rendered `a.ts -> b.ts -> a.ts`. Sorted.
 */
export function findImportCycles(files: readonly SourceFile[]): string[] {
  const graph = new Map(files.map((f) => [f.path, [...new Set(projectImports(f).map((i) => i.target))].sort()]));
  for (const [from, to] of graph) graph.set(from, to.filter((t) => graph.has(t)));
  return stronglyConnected(graph)
    .filter((group) => group.length > 1 || graph.get(group[0])!.includes(group[0]))
    .map((group) => shortestLoop(graph, new Set(group)).join(' -> '))
    .sort();
}

/** Groups of mutually reachable files (Tarjan's algorithm), each sorted by path. */
function stronglyConnected(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)!) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    groups.push(group.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return groups;
}

/** The shortest path from the group's first file back to itself, staying inside the group (breadth first). */
function shortestLoop(graph: ReadonlyMap<string, readonly string[]>, group: ReadonlySet<string>): string[] {
  const start = [...group][0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of graph.get(queue[i])!) {
      if (!group.has(next) || cameFrom.has(next)) continue;
      cameFrom.set(next, queue[i]);
      if (next === start) return loopFrom(cameFrom, start);
      queue.push(next);
    }
  }
  throw new Error(`no loop through ${start}`);
}

/** `start -> ... -> start` from the predecessors the search recorded. */
function loopFrom(cameFrom: ReadonlyMap<string, string>, start: string): string[] {
  const back: string[] = [start];
  for (let at = cameFrom.get(start)!; at !== start; at = cameFrom.get(at)!) back.push(at);
  back.push(start);
  return back.reverse();
}
