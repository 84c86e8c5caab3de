import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../problems.ts';
import { compileCondition } from './compile-condition.ts';
import { condition, createFakeContext, expression, operator, variable } from './test-support/fake-context.ts';

test('compileCondition refuses unknown types and operators with InvalidInputError (never silently true)', () => {
  const bad = [
    condition(expression('SMS_TaskSequence_TimeConditionExpression', {})),
    condition(variable('X', 'contains', 'y')),
    condition(operator('xor')),
    condition(operator('and', variable('X', 'equals', 'y'), expression('Variable', { Operator: 'equals' }))),
  ];
  for (const c of bad) {
    assert.throws(() => compileCondition(c), (e: unknown) => e instanceof InvalidInputError && e.problems.length > 0 && e.problems.every((p) => p.severity === 'error'));
  }
});

test('the InvalidInputError names the field and line', () => {
  const node = { ...variable('X', 'contains', 'y'), loc: { line: 7 } };
  assert.throws(() => compileCondition(condition(node)), (e: unknown) => {
    assert.ok(e instanceof InvalidInputError);
    assert.match(e.message, /line 7: Operator: .*"contains"/);
    assert.equal(e.problems[0].line, 7);
    return true;
  });
});

test('warnings do not stop compilation', () => {
  assert.equal(compileCondition(condition(operator('or'))).evaluate(createFakeContext()).value, false);
});

test('a compiled condition follows changing variables over many evaluations', () => {
  const compiled = compileCondition(condition(operator('or', variable('Step', 'greaterEqual', '%Limit%'), variable('Force', 'exists'))));
  const ctx = createFakeContext({ Limit: '5000' });
  let trues = 0;
  for (let i = 0; i < 10_000; i++) {
    ctx.set('Step', String(i));
    if (i === 9_000) ctx.set('Limit', '9500');
    if (i === 9_990) ctx.set('Force', 'yes');
    const r = compiled.evaluate(ctx);
    const expected = (i >= 5000 && i < 9000) || i >= 9500 || i >= 9990;
    if (r.value !== expected) assert.fail(`evaluation ${i}: expected ${expected}, got ${r.value}`);
    if (r.value) trues++;
    else assert.equal(r.falseClause?.includes(`(expanded: "${i < 9000 ? 5000 : 9500}", value: "${i}")`), true, r.falseClause);
  }
  assert.equal(trues, 4000 + 500);
});

test('a compiled condition does not re-read the definition when evaluated', () => {
  const node = variable('A', 'equals', 'x');
  const compiled = compileCondition(condition(node));
  node.properties[1].value = 'changed'; // Value: mutating the model after compiling has no effect
  assert.equal(compiled.evaluate(createFakeContext({ A: 'x' })).value, true);
});
