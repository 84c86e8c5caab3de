/**
 * The JScript both script components share: finding the bridge (the environment variables the process runner gave
 * the command), the request/answer exchange of the bridge protocol over text streams, and JSON both ways (the script
 * host's JScript has no JSON object). Script components open `\\.\pipe\…` with `Scripting.FileSystemObject`, whose
 * text streams read or write but never both: one stream stays open for reading (its hello names the channel) and
 * each request is written on a stream of its own that names that channel.
 *
 * Only the script text is here; `wsc-component.ts` adds each class's members around it. The text is ES3 (the script
 * host's dialect), so the tests can run it in Node against fake streams.
 */
import { PROTOCOL_VERSION, TSENV_ENDPOINT_VARIABLE, TSENV_TOKEN_VARIABLE } from './protocol.ts';

/** The shared JScript, ending with a line end. */
export const CLIENT_SCRIPT = String.raw`var tsenvFso = new ActiveXObject("Scripting.FileSystemObject");
var tsenvEndpoint = "", tsenvToken = "", tsenvChannel = "", tsenvReader = null, tsenvNextId = 1;

// Opens the reading stream once per object: the hello on it names the channel answers come back on.
function tsenvConnect() {
  if (tsenvReader !== null) return;
  var env = new ActiveXObject("WScript.Shell").Environment("PROCESS");
  tsenvEndpoint = env("${TSENV_ENDPOINT_VARIABLE}");
  tsenvToken = env("${TSENV_TOKEN_VARIABLE}");
  if (tsenvEndpoint === "" || tsenvToken === "") throw new Error("the task sequence environment is not available: this process was not started by a task sequence step");
  var reader = tsenvFso.OpenTextFile(tsenvEndpoint, 1, false, 0);
  var hello = tsenvParse(reader.ReadLine());
  if (hello.protocol !== ${PROTOCOL_VERSION}) throw new Error("the task sequence environment speaks another protocol");
  tsenvChannel = hello.channel;
  tsenvReader = reader;
}

// A stream that only writes; should a pipe refuse to open for writing, appending is tried.
function tsenvOpenWriter() {
  try {
    return tsenvFso.OpenTextFile(tsenvEndpoint, 2, false, 0);
  } catch (e) {
    return tsenvFso.OpenTextFile(tsenvEndpoint, 8, false, 0);
  }
}

// Sends one request (its fields after the envelope, as JSON text) and returns the answer; a refusal throws.
function tsenvCall(fields) {
  tsenvConnect();
  var id = tsenvNextId++;
  var writer = tsenvOpenWriter();
  writer.WriteLine("{\"token\":" + tsenvQuote(tsenvToken) + ",\"id\":" + id + ",\"channel\":" + tsenvQuote(tsenvChannel) + fields + "}");
  writer.Close();
  var answer = tsenvParse(tsenvReader.ReadLine());
  if (answer.id !== id) throw new Error("the task sequence environment answered another request");
  if (answer.ok !== true) throw new Error(answer.error);
  return answer;
}

// A JSON string with everything outside printable ASCII escaped (the streams are ANSI).
function tsenvQuote(value) {
  var s = value === null || value === undefined ? "" : String(value), out = "\"";
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c === 34 || c === 92) out += "\\" + s.charAt(i);
    else if (c >= 32 && c < 127) out += s.charAt(i);
    else out += "\\u" + ("000" + c.toString(16)).slice(-4);
  }
  return out + "\"";
}

// Reads the JSON of one answer line: objects, arrays, strings, numbers, true, false, null.
function tsenvParse(text) {
  var at = 0;
  function fail() { throw new Error("the task sequence environment sent an unreadable answer"); }
  function space() { while (at < text.length && " \t\r\n".indexOf(text.charAt(at)) >= 0) at++; }
  function word(w, v) { if (text.substr(at, w.length) !== w) fail(); at += w.length; return v; }
  function str() {
    var out = "";
    at++;
    for (;;) {
      if (at >= text.length) fail();
      var ch = text.charAt(at++);
      if (ch === "\"") return out;
      if (ch !== "\\") { out += ch; continue; }
      var e = text.charAt(at++);
      if (e === "u") {
        var h = text.substr(at, 4);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) fail();
        out += String.fromCharCode(parseInt(h, 16));
        at += 4;
      } else if (e === "n") out += "\n";
      else if (e === "r") out += "\r";
      else if (e === "t") out += "\t";
      else if (e === "b") out += "\b";
      else if (e === "f") out += "\f";
      else if (e === "\"" || e === "\\" || e === "/") out += e;
      else fail();
    }
  }
  function members(close, read) {
    at++;
    space();
    if (text.charAt(at) === close) { at++; return; }
    for (;;) {
      read();
      space();
      var ch = text.charAt(at++);
      if (ch === close) return;
      if (ch !== ",") fail();
    }
  }
  function value() {
    space();
    var ch = text.charAt(at);
    if (ch === "{") {
      var o = {};
      members("}", function () {
        space();
        if (text.charAt(at) !== "\"") fail();
        var k = str();
        space();
        if (text.charAt(at++) !== ":") fail();
        o[k] = value();
      });
      return o;
    }
    if (ch === "[") {
      var a = [];
      members("]", function () { a[a.length] = value(); });
      return a;
    }
    if (ch === "\"") return str();
    if (ch === "t") return word("true", true);
    if (ch === "f") return word("false", false);
    if (ch === "n") return word("null", null);
    var m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (m === null) fail();
    at += m[0].length;
    return parseFloat(m[0]);
  }
  var result = value();
  space();
  if (at !== text.length) fail();
  return result;
}
`;
