/** The child sequences a sequence runs through Run Task Sequence steps. */
import type { SequenceNode, TaskSequence } from './model.ts';
import { SUB_TASK_SEQUENCE_TYPE } from './step-catalog.ts';
import { childPackageOf } from './validate-node.ts';

/**
 * Package ids named by `OSDSubTasksequencePackageID` in Run Task Sequence nodes (`<subtasksequence>`, or a `<step>`
 * of that type), in document order, each once. Disabled nodes are included: their content may still be checked.
 */
export function childPackageIds(seq: TaskSequence): string[] {
  const ids: string[] = [];
  const visit = (node: SequenceNode): void => {
    if (node.kind === 'group') {
      node.children.forEach(visit);
      return;
    }
    if (node.kind !== 'subtasksequence' && node.type !== SUB_TASK_SEQUENCE_TYPE) return;
    const id = childPackageOf(node);
    if (id && !ids.includes(id)) ids.push(id);
  };
  seq.children.forEach(visit);
  return ids;
}
