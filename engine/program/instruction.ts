/** One entry of the flat instruction table. Index = instruction pointer (`_SMSTSNextInstructionPointer`). */
import type { GroupNode, StepNode, SubTaskSequenceNode, VariableEntry, Condition } from '../definition/model.ts';

export interface Instruction {
  index: number;
  /** Groups and Run Task Sequence (the child's steps inlined under it) are containers. */
  kind: 'group' | 'step';
  node: GroupNode | StepNode | SubTaskSequenceNode;
  name: string;
  /** `Group/Sub group/Name`. */
  path: string;
  /** Step type; `Group` for groups; `(command line)` for MDT steps without a type. */
  type: string;
  /** Index of the enclosing container, -1 at the top. */
  parent: number;
  /** Containers: index just past the last descendant (where a skip or a caught failure continues). */
  end: number;
  disabled: boolean;
  continueOnError: boolean;
  condition?: Condition;
  /** Steps: exit codes that count as success. */
  successCodes: number[];
  /** Steps: `defaultVarList` entries (local defaults while the step runs). */
  defaults: VariableEntry[];
  /** `WinPE` | `FullOS` | `WinPEandFullOS` from the node, if given. */
  runIn?: string;
  timeoutSeconds?: number;
  retryCount: number;
  /** Run Task Sequence: the child package id. */
  childPackageId?: string;
  /** Source file of the node (the child's file for inlined children). */
  file?: string;
  /**
   * Steps: the preflight found that this step cannot succeed and that its failure is caught (continue on error on
   * the step or a group around it). When the step is reached, the engine fails it with this instead of running it.
   */
  certainFailure?: CertainFailure;
}

/** Why a step fails before its handler is called, as the preflight found it. */
export interface CertainFailure {
  /** The finding's problem code, e.g. `read-only-variable`. */
  code: string;
  /** The finding's message (names the field when there is one). */
  message: string;
  /** The field the finding is about. */
  field?: string;
  /** `_SMSTSLastActionRetCode` of the failed step. */
  exitCode: number;
}

/** The compiled sequence. */
export interface Program {
  instructions: Instruction[];
  name: string;
  packageId: string;
  /** SHA-256 of the canonical sequence including inlined children: a journal from another sequence is refused. */
  hash: string;
  /** `globalVarList` entries of the sequence and of every inlined child, parent first. */
  globals: VariableEntry[];
  /** Package ids in the `referenceList` of the sequence and its children (steps declare their own: StepModule.packages). */
  packages: string[];
}
