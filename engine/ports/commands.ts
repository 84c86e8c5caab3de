/** Running command lines and scripts. Only backends spawn processes; steps describe what to run. */

export interface CommandRequest {
  kind: 'command-line' | 'powershell';
  /** The command line after `%VAR%` expansion (for PowerShell: the rendered `powershell.exe ...` line). */
  commandLine: string;
  /** PowerShell: script file relative to the package folder, or the inline source text. */
  script?: { fileName?: string; source?: string; parameters?: string; executionPolicy?: string };
  packageId?: string;
  /** Local folder holding the package content (the working folder unless `workingDirectory` is set). */
  packagePath?: string;
  workingDirectory?: string;
  /** Milliseconds; the backend ends the process and reports `timedOut`. */
  timeoutMs?: number;
  /** True when a secret went into the command line: backends must not log or echo it. */
  secret: boolean;
  disableWow64Redirection?: boolean;
  runAs?: { user: string; password: string };
  signal?: AbortSignal;
}

export interface CommandResult {
  exitCode: number;
  /** Combined stdout/stderr text. */
  output: string;
  timedOut?: boolean;
  /** Variables the command set through the task sequence environment (as scripts do with TSEnvironment). */
  setVariables?: Record<string, string>;
  /** Things the backend wants in the log (e.g. "command not scripted; assumed success"). */
  warnings?: string[];
}

export interface CommandsPort {
  run(request: CommandRequest): Promise<CommandResult>;
}
