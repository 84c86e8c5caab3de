/** What the Windows runner starts: one program and the command line it gets. */

/** One program to start; its command line is `argv0`, a space, and `arguments` (when there are any). */
export interface WindowsStart {
  /** Full path of the program. */
  program: string;
  /**
   * The program's name as it sees it (argv[0]): its path, quoted when it holds a space; for a line that names
   * `cmd.exe` itself, that word as the line writes it.
   */
  argv0: string;
  /** The rest of its command line, passed as it is. */
  arguments: string;
  /** The same with every secret masked, for the log and for messages. */
  logged: string;
}
