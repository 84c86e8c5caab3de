import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatAnswer, formatHello, formatLine, parseRequest } from './protocol.ts';

describe('the bridge protocol lines', () => {
  it('are ASCII JSON with one line end, surrogate pairs escaped unit by unit', () => {
    assert.equal(formatLine({ v: 'a\u00e9\u{1f600}\n' }), '{"v":"a\\u00e9\\ud83d\\ude00\\n"}\n');
    assert.equal(formatHello('c1'), '{"protocol":1,"channel":"c1"}\n');
    assert.equal(formatAnswer({ ok: true }, 3), '{"id":3,"ok":true}\n');
    assert.equal(formatAnswer({ ok: false, error: 'x' }), '{"ok":false,"error":"x"}\n');
  });

  it('reads each operation and its envelope', () => {
    assert.deepEqual(parseRequest('{"token":"t","id":1,"channel":"c","op":"get","name":"X","extra":1}'), { ok: true, request: { token: 't', id: 1, channel: 'c', op: 'get', name: 'X' } });
    assert.deepEqual(parseRequest('{"token":"t","op":"set","name":"X","value":""}'), { ok: true, request: { token: 't', op: 'set', name: 'X', value: '' } });
    assert.deepEqual(parseRequest('{"token":"t","op":"list"}'), { ok: true, request: { token: 't', op: 'list' } });
    assert.deepEqual(parseRequest('{"token":"t","op":"progress","method":"M"}'), { ok: true, request: { token: 't', op: 'progress', method: 'M', args: [] } });
  });

  it('says what is wrong with a line that is not a request, with its id when it has one', () => {
    const cases: Array<[string, string, number?]> = [
      ['', 'the request is not a JSON object on one line'],
      ['null', 'the request is not a JSON object on one line'],
      ['{"id":1.5,"token":"t","op":"list"}', '"id" must be an integer'],
      ['{"id":2,"op":"list"}', 'the request has no "token"', 2],
      ['{"id":3,"token":"t","channel":4,"op":"list"}', '"channel" must be a string', 3],
      ['{"id":4,"token":"t","op":"get"}', '"get" needs a string "name"', 4],
      ['{"id":5,"token":"t","op":"set","value":"v"}', '"set" needs a string "name"', 5],
      ['{"id":6,"token":"t","op":"progress"}', '"progress" needs a string "method"', 6],
      ['{"id":7,"token":"t","op":"progress","method":"M","args":[1]}', '"args" must be a list of strings', 7],
      ['{"id":8,"token":"t"}', 'unknown operation null (get, set, list, progress)', 8],
    ];
    for (const [line, error, id] of cases) assert.deepEqual(parseRequest(line), { ok: false, error, ...(id === undefined ? {} : { id }) }, line);
  });
});
