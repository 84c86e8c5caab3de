/** `SMS_TaskSequence_WMIConditionExpression`: true when the WQL `Query` in `Namespace` returns at least one object. */
import { UnsupportedQueryError } from '../ports/machine-probe.ts';
import { TaskseqError } from '../problems.ts';
import { parseWql } from '../wql/parse-wql.ts';
import { DEFAULT_WMI_NAMESPACE, normalizeWmiNamespace } from '../wql/wmi-namespace.ts';
import { probeClause, type Clause } from './clause.ts';
import { requireProperties, type ExpressionKind } from './expression-kind.ts';
import { readAttribute } from './expression-properties.ts';

const label = 'WMI condition';

/** A failure `ignoreQueryFailure="true"` turns into false: the backend could not run the query. */
function isQueryFailure(error: unknown): error is Error {
  return error instanceof UnsupportedQueryError || (error instanceof TaskseqError && error.code === 'unsupported');
}

export const wmiExpression: ExpressionKind = {
  type: 'SMS_TaskSequence_WMIConditionExpression',
  label,
  check(props, report) {
    if (!requireProperties(label, props, ['Query'], report)) return;
    const query = props.text('Query') as string;
    try {
      parseWql(query);
    } catch (e) {
      if (!(e instanceof UnsupportedQueryError)) throw e;
      report('warning', 'unsupported-wql', `${label}: the simulated machine cannot run this query: ${e.message}`, 'Query');
    }
  },
  compile(props, node): Clause {
    const query = props.text('Query') as string;
    const namespace = normalizeWmiNamespace(props.get('Namespace'));
    const ignoreFailure = readAttribute(node, 'ignoreQueryFailure')?.trim().toLowerCase() === 'true';
    const where = namespace === DEFAULT_WMI_NAMESPACE ? '' : ` in ${namespace}`;
    const shown = `WMI "${query}"${where}`;
    return probeClause((ctx) => {
      let count: number;
      try {
        count = ctx.probe.queryWmi(namespace, query).length;
      } catch (e) {
        if (ignoreFailure && isQueryFailure(e)) {
          return { value: false, text: `${shown} failed and ignoreQueryFailure is set: ${e.message}` };
        }
        throw e;
      }
      if (count === 0) return { value: false, text: `${shown} returned no rows` };
      return { value: true, text: `${shown} returned ${count} row${count === 1 ? '' : 's'}` };
    });
  },
};
