/**
 * The run's variables from the start to the end: the store the engine keeps up to date, and a redaction that knows
 * the secret values the run was started with before the store does (the log exists before the first step).
 */
import { VariableStore } from '../../variables/index.ts';
import type { MediaRun } from '../media/media-run.ts';
import type { RunVariable } from './deployment-options.ts';

export interface RunVariables {
  /** The variables the run starts with, later ones winning: the media's, the deployment source's, `--var`. */
  readonly initial: readonly RunVariable[];
  /** The run's store as the engine last reported it. */
  current(): VariableStore;
  set(store: VariableStore): void;
  /** Redacts every secret value the run knows of. */
  redact(text: string): string;
}

/** `given`: the deployment source's variables, then `--var` and `--secret-var`. */
export function createRunVariables(media: MediaRun | undefined, given: readonly RunVariable[]): RunVariables {
  const initial = [...(media?.variables ?? []), ...given];
  let current = mediaVariableStore(media);
  return {
    initial,
    current: () => current,
    set: (store) => { current = store; },
    redact: (text) => {
      let out = current.redact(text);
      for (const v of initial) if (v.secret && v.value) out = out.split(v.value).join('********');
      return out;
    },
  };
}

/** The media's variables, known before the first step so that the log redacts its secrets from the start. */
function mediaVariableStore(media: MediaRun | undefined): VariableStore {
  const store = new VariableStore();
  for (const v of media?.variables ?? []) store.set(v.name, v.value, { secret: v.secret });
  return store;
}
