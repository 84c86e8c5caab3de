export { VariableStore, VariableError } from './store.ts';
export type { Variable, VariableChange, Expansion, VariablesSnapshot, Writer } from './store.ts';
export { Redactor, MASK } from './redactor.ts';
export { checkName, checkValue, isReadOnlyName, keyOf, MAX_NAME_LENGTH, MAX_VALUE_LENGTH } from './names.ts';
export { isSecretByName, registerSecretNames, secretNames } from './secret-names.ts';
