/** What the agent answers to one authenticated request: the command's environment read or written, progress logged. */
import { PROGRESS_METHOD_NAMES, TS_PROGRESS_UI } from './com-classes.ts';
import type { CommandEnvironment } from './command-environment.ts';
import type { TsEnvAnswer, TsEnvRequest } from './protocol.ts';

/** Receives the bridge's log lines; they never carry a token, and secret values are masked. */
export type BridgeLog = (severity: 'info' | 'warning', message: string) => void;

/** Answers `request` against `environment`; a refused write is logged as a warning and answered with its reason. */
export function answerRequest(request: TsEnvRequest, environment: CommandEnvironment, log: BridgeLog): TsEnvAnswer {
  switch (request.op) {
    case 'get':
      return { ok: true, ...environment.get(request.name) };
    case 'set': {
      const refused = environment.set(request.name, request.value);
      if (refused === undefined) return { ok: true };
      log('warning', `The command's script could not set ${request.name}: ${refused}`);
      return { ok: false, error: refused };
    }
    case 'list':
      return { ok: true, names: environment.names() };
    case 'progress': {
      if (!PROGRESS_METHOD_NAMES.has(request.method)) return { ok: false, error: `${TS_PROGRESS_UI.progId} has no method ${request.method}` };
      const args = request.args.map((a) => JSON.stringify(environment.redact(a))).join(', ');
      log('info', `The command's script called ${TS_PROGRESS_UI.progId}.${request.method}(${args}); there is no progress window, the call is acknowledged`);
      return { ok: true };
    }
  }
}
