/** Contract of the condition evaluator (implementation in this folder). */
import type { MachineProbe } from '../ports/machine-probe.ts';

/** What a condition can read: variables (case-insensitive) and the machine. */
export interface ConditionContext {
  get(name: string): string | undefined;
  /** `%NAME%` expansion for paths and values. */
  expand(text: string): string;
  probe: MachineProbe;
}

export interface ConditionResult {
  value: boolean;
  /**
   * When false: the clause that made it false with the values it saw, e.g.
   * `_SMSTSBootUEFI equals "true" (value: "false")` or `WMI "SELECT * FROM Win32_BIOS WHERE ..." returned no rows`.
   */
  falseClause?: string;
}

/** A condition compiled once and evaluated many times. */
export interface CompiledCondition {
  evaluate(ctx: ConditionContext): ConditionResult;
}
