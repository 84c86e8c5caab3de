/**
 * Public API of the engine for steps and the agent. The interpreter itself (`engine/machine/index.ts`: runSequence)
 * is imported by the agent from there, so that validating a sequence never loads the run's state machine.
 */
export * from './problems.ts';
export * from './ports/index.ts';
export { PORT_REFUSALS, refusingPorts, type RefusalRule } from './ports/port-refusals.ts';
export * from './step-module.ts';
export { stepFailure } from './step-failure.ts';
export { createStepContext, type StepContextInput } from './step-context.ts';
export type * from './definition/model.ts';
export type * from './conditions/types.ts';
export * from './definition/index.ts';
export * from './options/index.ts';
export * from './conditions/index.ts';
export * from './wql/index.ts';
export * from './journal/index.ts';
export * from './program/index.ts';
export * from './registry/index.ts';
export * from './preflight/index.ts';
export * from './disks/index.ts';
export * from './step-exit-codes.ts';
export * from './windows-setup-rules.ts';
