/**
 * The API a backend calls around each command it runs: start the bridge with the run's variables, give the child
 * the returned environment variables (through the process runner, which never logs them), and end the bridge when
 * the command ends to get its writes as the command's result fields.
 *
 * Writes reach the engine when the command ends, not while it runs: the engine waits for the command anyway, and the
 * step applies a command's `setVariables` before the next step starts, so later steps see every write. Reads during
 * the command see its own writes at once.
 */
import { randomBytes } from 'node:crypto';
import type { BridgeLog } from './answer-request.ts';
import { listenBridge } from './bridge-server.ts';
import { CommandEnvironment, type CommandWrites, type TsEnvVariable } from './command-environment.ts';
import { newEndpoint } from './endpoint.ts';
import { TSENV_ENDPOINT_VARIABLE, TSENV_TOKEN_VARIABLE } from './protocol.ts';

export interface TsEnvBridgeOptions {
  /** The run's variables when the command starts (`VariableStore.list()`). */
  variables: Iterable<TsEnvVariable>;
  /** The bridge's log lines (refused writes, wrong tokens, progress calls); nothing by default. */
  log?: BridgeLog;
  /** Pipe name or socket path; a fresh one for this platform by default ({@link newEndpoint}). */
  endpoint?: string;
}

/** A running bridge for one command. */
export interface TsEnvBridge {
  /** For the child's environment: where the bridge listens and the token it wants. */
  readonly env: Readonly<Record<string, string>>;
  /** Values the process runner must mask wherever it logs (the token). */
  readonly secrets: readonly string[];
  /** Closes the bridge (every connection ends) and returns the command's writes; later calls return the same. */
  end(): Promise<CommandWrites>;
}

/** Starts a bridge; it listens until {@link TsEnvBridge.end}. */
export async function startTsEnvBridge(options: TsEnvBridgeOptions): Promise<TsEnvBridge> {
  const token = randomBytes(32).toString('hex');
  const endpoint = options.endpoint ?? newEndpoint();
  const environment = new CommandEnvironment(options.variables);
  const server = await listenBridge({ endpoint, token, environment, log: options.log ?? (() => {}) });
  let ended: Promise<CommandWrites> | undefined;
  return {
    env: { [TSENV_ENDPOINT_VARIABLE]: endpoint, [TSENV_TOKEN_VARIABLE]: token },
    secrets: [token],
    end: () => (ended ??= server.close().then(() => environment.writes())),
  };
}
