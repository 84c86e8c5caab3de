/**
 * The task sequence model: one shape for every form a sequence arrives in (bare `<sequence>`, console export,
 * MDT ts.xml, JSON). It is lossless for everything the format carries: XML -> model -> JSON -> model -> XML keeps
 * every group, step, attribute, condition and variable entry. Values the model types (booleans, integers) are
 * normalised (`True` -> `true`); attributes and child elements it does not know are kept verbatim in `attributes` and
 * `extra` so that nothing is lost.
 */

/** Attributes kept verbatim, in document order. */
export type Attributes = Record<string, string>;

/** Where a node came from in its source text (1-based). Not part of the JSON form. */
export interface SourceLocation {
  line: number;
  column?: number;
}

/** An element the model does not know, kept as-is so that conversion never drops it. */
export interface ExtraElement {
  element: string;
  attributes?: Attributes;
  text?: string;
  children?: ExtraElement[];
}

/** One `<variable>` in a `defaultVarList` or `globalVarList`. */
export interface VariableEntry {
  name: string;
  /** WMI property the entry carries (`property` attribute), e.g. `CommandLine`. */
  property?: string;
  /** `hidden="true"`: an editor/engine flag on step internals, not a secret. */
  hidden?: boolean;
  value: string;
  attributes?: Attributes;
  loc?: SourceLocation;
}

/** One `<reference package="..."/>` (or `application="..."`) in the `referenceList`. */
export interface PackageReference {
  package?: string;
  application?: string;
  attributes?: Attributes;
  loc?: SourceLocation;
}

/** `<operator type="and|or|not">`. */
export interface OperatorNode {
  kind: 'operator';
  operator: string;
  children: ConditionNode[];
  attributes?: Attributes;
  loc?: SourceLocation;
}

/** `<expression type="SMS_TaskSequence_*ConditionExpression">` with its `<variable name=...>` properties in order. */
export interface ExpressionNode {
  kind: 'expression';
  type: string;
  properties: Array<{ name: string; value: string }>;
  attributes?: Attributes;
  loc?: SourceLocation;
}

/** Console "Operating System Version" condition: `<osConditionGroup type="or">` of `<osExpressionGroup>`s. */
export interface OsConditionGroupNode {
  kind: 'osConditionGroup';
  operator: string;
  children: ConditionNode[];
  attributes?: Attributes;
  loc?: SourceLocation;
}

/** One platform of an OS version condition: `<osExpressionGroup type="and" name="...">`. */
export interface OsExpressionGroupNode {
  kind: 'osExpressionGroup';
  operator: string;
  name?: string;
  children: ConditionNode[];
  attributes?: Attributes;
  loc?: SourceLocation;
}

/** `<platformKey arch type minVer maxVer/>` inside an `osExpressionGroup` (descriptive; the WMI expressions decide). */
export interface PlatformKeyNode {
  kind: 'platformKey';
  attributes: Attributes;
  loc?: SourceLocation;
}

export type ConditionNode =
  | OperatorNode
  | ExpressionNode
  | OsConditionGroupNode
  | OsExpressionGroupNode
  | PlatformKeyNode;

/** `<condition>`: its top-level children are ANDed; an empty condition is true. */
export interface Condition {
  children: ConditionNode[];
  loc?: SourceLocation;
}

interface NodeBase {
  name: string;
  description?: string;
  disable?: boolean;
  continueOnError?: boolean;
  condition?: Condition;
  /** Attributes the model does not type, verbatim (e.g. MDT's `expand`). */
  attributes?: Attributes;
  /** Child elements the model does not know, verbatim. */
  extra?: ExtraElement[];
  loc?: SourceLocation;
}

/** Attributes and children shared by steps and Run Task Sequence (`subtasksequence`). */
interface ActionBase extends NodeBase {
  /** WMI class (`SMS_TaskSequence_RunCommandLineAction`) or MDT `BDD_*`; absent on MDT command-line steps. */
  type?: string;
  /** `WinPE` | `FullOS` | `WinPEandFullOS`. */
  runIn?: string;
  /** Space-separated exit codes that count as success, e.g. `0 3010`. */
  successCodeList?: string;
  /** MDT's older attribute; `successCodeList` wins when both are present and disagree. */
  successCodes?: string;
  /** Seconds; the engine ends the step as failed when it runs longer. */
  timeout?: number;
  /** Re-run the step this many times when an unexpected restart interrupts it. */
  retryCount?: number;
  runFromNet?: boolean;
  /** MDT working folder. */
  startIn?: string;
  /** Literal command line (`<action>`), expanded at run time. */
  action?: string;
  defaultVarList?: VariableEntry[];
}

export interface StepNode extends ActionBase {
  kind: 'step';
}

/** Run Task Sequence: the child is named by `OSDSubTasksequencePackageID` in its `defaultVarList`. */
export interface SubTaskSequenceNode extends ActionBase {
  kind: 'subtasksequence';
}

export interface GroupNode extends NodeBase {
  kind: 'group';
  /** MDT writes an empty `<action />` on groups; kept for round-trips. */
  action?: string;
  children: SequenceNode[];
}

export type SequenceNode = GroupNode | StepNode | SubTaskSequenceNode;

/** The `<sequence>` document. */
export interface TaskSequence {
  /** Schema version: `3.00` or `3.10`. */
  version: string;
  name?: string;
  description?: string;
  attributes?: Attributes;
  referenceList?: PackageReference[];
  globalVarList?: VariableEntry[];
  children: SequenceNode[];
  extra?: ExtraElement[];
  /** Where the `<sequence>` element starts (not part of the JSON form). */
  loc?: SourceLocation;
}

/** The form a sequence was read from. */
export type SourceForm = 'sequence' | 'cim-export' | 'cim-export-zip' | 'mdt' | 'json';

/** A sequence with what is known about its package (from a console export or the JSON form). */
export interface PackageInfo {
  /** Package id, e.g. `PS100157`; from the export or the JSON form. */
  packageId?: string;
  packageName?: string;
  /** `1` generic, `2` OSD (maps to `_SMSTSType`). */
  packageType?: string;
  bootImageId?: string;
}

/** The JSON form: `{ "$schema": ..., "package": {...}, "sequence": {...} }`. */
export interface SequenceDocument {
  package?: PackageInfo;
  sequence: TaskSequence;
}
