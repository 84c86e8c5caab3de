/**
 * The two COM classes scripts create to reach the task sequence environment, as the scripts know them: the ProgIDs
 * they pass to `CreateObject`/`New-Object -ComObject` and the members they call. The class ids are this project's
 * own (fixed, so that what gets registered is the same on every machine and in the goldens); a script never names
 * them.
 */

/** A protocol operation a member turns into (see `protocol.ts`). */
export type MemberOperation = 'get' | 'set' | 'list' | 'progress';

/** A property or method of a class, as the script component exposes it. */
export interface ComMember {
  name: string;
  kind: 'property' | 'method';
  /** The default member (`env("X")` means `env.Value("X")`): COM dispatch id 0. */
  isDefault?: true;
  /** What the member asks the agent. */
  operation: MemberOperation;
  /** The arguments it takes, in order (documentation and the generated functions' parameters). */
  parameters: readonly string[];
}

/** A COM class the agent registers for the length of a run. */
export interface ComClass {
  progId: string;
  /** Registry form, with braces. */
  clsid: string;
  /** The registry's description of the class. */
  description: string;
  /** File name of its script component, in the folder the backend chooses. */
  fileName: string;
  members: readonly ComMember[];
}

/** `Microsoft.SMS.TSEnvironment`: `Value(name)` get and put (the default property) and `GetVariables()`. */
export const TS_ENVIRONMENT: ComClass = {
  progId: 'Microsoft.SMS.TSEnvironment',
  clsid: '{8AC163BA-EA56-45CB-86BB-3C77EFE5424C}',
  description: 'taskseq task sequence environment',
  fileName: 'tsenvironment.wsc',
  members: [
    { name: 'Value', kind: 'property', isDefault: true, operation: 'get', parameters: ['name'] },
    { name: 'GetVariables', kind: 'method', operation: 'list', parameters: [] },
  ],
};

/**
 * The progress window's methods, as the client SDK lists them (`IProgressUI`). There is no progress window: every
 * call is logged by the agent and acknowledged.
 */
const PROGRESS_METHODS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['CloseProgressDialog', []],
  ['ShowActionProgress', ['orgName', 'taskSequenceName', 'customTitle', 'currentAction', 'step', 'maxStep', 'actionExec', 'actionProgress', 'maxActionProgress']],
  ['ShowErrorDialog', ['orgName', 'taskSequenceName', 'customTitle', 'errorMessage', 'errorCode', 'timeoutSeconds', 'forceReboot']],
  ['ShowMessage', ['message', 'title', 'type']],
  ['ShowMessageEx', ['message', 'title', 'type', 'result']],
  ['ShowRebootDialog', ['orgName', 'customTitle', 'message', 'timeoutSeconds']],
  ['ShowSwapMediaDialog', ['taskSequenceName', 'mediaNumber']],
  ['ShowTSProgress', ['orgName', 'taskSequenceName', 'customTitle', 'currentAction', 'step', 'maxStep']],
];

/** `Microsoft.SMS.TsProgressUI`: the progress window's methods, logged and acknowledged. */
export const TS_PROGRESS_UI: ComClass = {
  progId: 'Microsoft.SMS.TsProgressUI',
  clsid: '{C4ACBFEC-28F1-4CAD-9276-3881D76E0215}',
  description: 'taskseq task sequence progress (no window: calls are logged)',
  fileName: 'tsprogressui.wsc',
  members: PROGRESS_METHODS.map(([name, parameters]) => ({ name, kind: 'method', operation: 'progress', parameters })),
};

/** Both classes, in the order they are registered. */
export const COM_CLASSES: readonly ComClass[] = [TS_ENVIRONMENT, TS_PROGRESS_UI];

/** The progress methods' names (what the agent accepts in a `progress` request). */
export const PROGRESS_METHOD_NAMES: ReadonlySet<string> = new Set(PROGRESS_METHODS.map(([name]) => name));
