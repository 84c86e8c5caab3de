/**
 * The JSON Schema of the JSON form (draft-07), built here and published by `agent/build/generate-schemas.ts` as
 * `docs/schema/task-sequence.schema.json`. It checks structure and types only; meaning (versions, runIn values,
 * success codes, step types) is checked by validation, the same as for XML input.
 */

export const SCHEMA_ID = 'https://taskseq.dev/schema/task-sequence.schema.json';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
const str: Schema = { type: 'string' };
const bool: Schema = { type: 'boolean' };
const count: Schema = { type: 'integer', minimum: 0, maximum: 2147483647 };
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });

function object(required: string[], properties: Record<string, Schema>, description?: string): Schema {
  return {
    ...(description ? { description } : {}),
    type: 'object',
    required,
    properties,
    additionalProperties: false,
  };
}

/** Dispatches on `kind` with if/then so that errors come from the matching branch only. */
function byKind(kinds: Record<string, string>, description: string): Schema {
  return {
    description,
    type: 'object',
    required: ['kind'],
    properties: { kind: { enum: Object.keys(kinds) } },
    allOf: Object.entries(kinds).map(([kind, definition]) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: ref(definition),
    })),
  };
}

const nodeBase: Record<string, Schema> = {
  name: str,
  description: str,
  disable: bool,
  continueOnError: bool,
  condition: ref('condition'),
  attributes: ref('attributes'),
  extra: arrayOf(ref('extraElement')),
};

const actionBase: Record<string, Schema> = {
  ...nodeBase,
  type: { ...str, description: 'Step class, e.g. SMS_TaskSequence_RunCommandLineAction or BDD_Gather; absent on MDT command-line steps.' },
  runIn: { ...str, description: 'WinPE, FullOS or WinPEandFullOS.' },
  successCodeList: { ...str, description: 'Space-separated decimal exit codes, e.g. "0 3010".' },
  successCodes: { ...str, description: 'MDT\'s older list; successCodeList wins when both are present.' },
  timeout: { ...count, description: 'Seconds.' },
  retryCount: count,
  runFromNet: bool,
  startIn: str,
  action: { ...str, description: 'Command line, expanded at run time.' },
  defaultVarList: arrayOf(ref('variableEntry')),
};

const definitions: Record<string, Schema> = {
  attributes: { description: 'XML attributes the model does not type, verbatim.', type: 'object', additionalProperties: str },
  extraElement: object(['element'], { element: str, attributes: ref('attributes'), text: str, children: arrayOf(ref('extraElement')) }, 'An XML element the model does not know, kept verbatim.'),
  variableEntry: object(['name', 'value'], { name: str, property: str, hidden: bool, value: str, attributes: ref('attributes') }),
  packageReference: object([], { package: str, application: str, attributes: ref('attributes') }),
  condition: object(['children'], { children: arrayOf(ref('conditionNode')) }, 'Top-level children are ANDed; an empty condition is true.'),
  conditionNode: byKind({
    operator: 'operatorNode', expression: 'expressionNode', osConditionGroup: 'osConditionGroupNode',
    osExpressionGroup: 'osExpressionGroupNode', platformKey: 'platformKeyNode',
  }, 'One node of a condition.'),
  operatorNode: object(['kind', 'operator', 'children'], { kind: { const: 'operator' }, operator: str, children: arrayOf(ref('conditionNode')), attributes: ref('attributes') }),
  expressionNode: object(['kind', 'type', 'properties'], {
    kind: { const: 'expression' }, type: str,
    properties: arrayOf(object(['name', 'value'], { name: str, value: str })),
    attributes: ref('attributes'),
  }),
  osConditionGroupNode: object(['kind', 'operator', 'children'], { kind: { const: 'osConditionGroup' }, operator: str, children: arrayOf(ref('conditionNode')), attributes: ref('attributes') }),
  osExpressionGroupNode: object(['kind', 'operator', 'children'], { kind: { const: 'osExpressionGroup' }, operator: str, name: str, children: arrayOf(ref('conditionNode')), attributes: ref('attributes') }),
  platformKeyNode: object(['kind', 'attributes'], { kind: { const: 'platformKey' }, attributes: ref('attributes') }),
  sequenceNode: byKind({ group: 'groupNode', step: 'stepNode', subtasksequence: 'subTaskSequenceNode' }, 'A group, step or Run Task Sequence step.'),
  groupNode: object(['kind', 'name', 'children'], { kind: { const: 'group' }, ...nodeBase, action: str, children: arrayOf(ref('sequenceNode')) }),
  stepNode: object(['kind', 'name'], { kind: { const: 'step' }, ...actionBase }),
  subTaskSequenceNode: object(['kind', 'name'], { kind: { const: 'subtasksequence' }, ...actionBase }),
  taskSequence: object(['version', 'children'], {
    version: { ...str, description: '3.00 or 3.10.' },
    name: str,
    description: str,
    attributes: ref('attributes'),
    referenceList: arrayOf(ref('packageReference')),
    globalVarList: arrayOf(ref('variableEntry')),
    children: arrayOf(ref('sequenceNode')),
    extra: arrayOf(ref('extraElement')),
  }),
  packageInfo: object([], { packageId: str, packageName: str, packageType: { ...str, description: '1 generic, 2 OSD.' }, bootImageId: str }),
};

/** Builds the JSON Schema object of the JSON form. */
export function buildSequenceSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'taskseq task sequence document',
    description: 'A task sequence (the model of a ConfigMgr/MDT <sequence>) with optional package facts.',
    type: 'object',
    required: ['sequence'],
    properties: {
      $schema: str,
      package: ref('packageInfo'),
      sequence: ref('taskSequence'),
    },
    additionalProperties: false,
    definitions,
  };
}
