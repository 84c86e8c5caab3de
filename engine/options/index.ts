/** Step manifests: option kinds, the typed reader, the static checks. */
export * from './option-spec.ts';
export * from './step-manifest.ts';
export { convertOption, listOfChoices } from './convert-option.ts';
export { parseOptions, isDeferred, type OptionReader, type ParsedOptions } from './parse-options.ts';
export { currentOption, optionVariable, writtenOptions, type CurrentOption, type OptionVariables } from './option-lookup.ts';
export { readStepOptions, readOptionExpansion, readVariableExpansion } from './read-step-options.ts';
export { checkManifestOptions, checkOptionKinds, checkOptionPresence, manifestPackages, manifestSecretVariables, stepPackages } from './check-options.ts';
