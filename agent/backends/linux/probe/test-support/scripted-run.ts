/** A {@link RunProcess} that answers from a script of captured commands and throws on anything else. */
import { readFileSync } from 'node:fs';
import type { ProcessRequest, ProcessResult, RunProcess } from '../../../process/process-types.ts';

/** One command and how it ended, as the capture recorded it. */
export interface ScriptedCommand {
  argv: readonly string[];
  exitCode: number;
  stdout: string;
  stderr: string;
  killed?: boolean;
}

/** A fake runner plus the argv lists it was asked for, in order. */
export interface ScriptedRun {
  run: RunProcess;
  calls: string[][];
}

const key = (argv: readonly string[]) => JSON.stringify(argv);

/** Answers each scripted argv (the same argv may be asked for more than once); throws on an unscripted one. */
export function scriptedRun(commands: readonly ScriptedCommand[]): ScriptedRun {
  const byArgv = new Map(commands.map((c) => [key(c.argv), c]));
  const calls: string[][] = [];
  const run = async (request: ProcessRequest): Promise<ProcessResult> => {
    calls.push([...request.argv]);
    const hit = byArgv.get(key(request.argv));
    if (!hit) throw new Error(`unscripted command: ${request.argv.join(' ')}`);
    return { exitCode: hit.exitCode, stdout: hit.stdout, stderr: hit.stderr, killed: hit.killed ?? false, durationMs: 1 };
  };
  return { run, calls };
}

/** The commands of a capture under ../fixtures/. */
export function loadCapture(name: string): ScriptedCommand[] {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as ScriptedCommand[];
}
