/** An index from upper-case PnP ID to the INF model entries that name it, built once per catalog and target. */
import type { DriverInf, InfModel } from '../../../engine/step-api.ts';
import { applicableModels, PlatformVerdicts, type TargetOs } from './target-platform.ts';

/** One INF model line naming an ID: `position` 0 = the INF's hardware ID, later = its compatible IDs. */
export interface IndexedModel {
  inf: DriverInf;
  model: InfModel;
  position: number;
  /** Set when the model's section does not apply to the target (the entry is shown, never chosen). */
  excluded?: string;
}

export type DriverIndex = Map<string, IndexedModel[]>;

/** Indexes every model entry of `infs` for `target`; entries of sections that do not apply carry the reason. */
export function buildDriverIndex(infs: readonly DriverInf[], target: TargetOs): DriverIndex {
  const index: DriverIndex = new Map();
  const add = (inf: DriverInf, model: InfModel, excluded?: string) => {
    model.ids.forEach((id, position) => {
      const list = index.get(id);
      const entry: IndexedModel = excluded === undefined ? { inf, model, position } : { inf, model, position, excluded };
      if (list) list.push(entry); else index.set(id, [entry]);
    });
  };
  const verdicts = new PlatformVerdicts(target);
  for (const inf of infs) {
    const { usable, excluded } = applicableModels(inf, verdicts);
    for (const m of usable) add(inf, m);
    for (const x of excluded) add(inf, x.model, x.reason);
  }
  return index;
}
