// child_process: what a received IPC message decodes to. lode decodes
// the common shapes of a one-message read in C and leaves the rest to
// JSON.parse; either way the result must be JSON.parse's. The parent plays
// the channel's other end by hand: the child gets NODE_CHANNEL_FD=0 (its
// stdin, a socket pair) and the parent writes raw lines there, one at a
// time (each waits for the answer), so that every one arrives in a read of
// its own and takes the C path where it can; the child prints what it got
// on stdout: types, prototypes, property order and descriptors, -0,
// numbers at the edge of exactness, and that no setter on the prototypes
// runs (JSON.parse defines properties, it does not assign them; only
// Object.prototype gets one: one on Array.prototype breaks node itself).
var cp = require('child_process');

if (process.argv[2] === 'child') {
  var setterCalls = 0;
  Object.defineProperty(Object.prototype, 'trap', {
    set: function () { setterCalls++; }, get: function () { return 'inherited'; },
    configurable: true
  });
  var describe = function (v, depth) {
    if (v === null) return 'null';
    if (typeof v === 'number') return (v === 0 && 1 / v < 0) ? 'number(-0)' : 'number(' + v + ')';
    if (typeof v !== 'object') return typeof v + '(' + JSON.stringify(v) + ')';
    if (depth > 30) return '...';
    var out = [], keys = Object.getOwnPropertyNames(v), i, d;
    for (i = 0; i < keys.length; i++) {
      d = Object.getOwnPropertyDescriptor(v, keys[i]);
      out.push(keys[i] + (d.writable && d.enumerable && d.configurable ? '' : '!') + ':' +
               (keys[i] === 'length' && Array.isArray(v) ? d.value : describe(d.value, depth + 1)));
    }
    var proto = Object.getPrototypeOf(v);
    var tag = proto === Object.prototype ? 'O' : proto === Array.prototype ? 'A' : '?';
    return tag + '{' + out.join(',') + '}';
  };
  process.on('message', function (m) {
    console.log(describe(m, 0) + (setterCalls ? ' setters ran ' + setterCalls : ''));
  });
  return;
}

var texts = [
  '{"cmd":"ping","n":1,"text":"hello","list":[1,2,3]}',
  '{}', '[]', '[[]]', '{"a":{}}', ' { "a" : [ 1 , 2 ] } ',
  '"just a string"', '""', '0', '-0', '[-0,0,-1]', '123456789012345',
  '1234567890123456', '12345678901234567890', '-999999999999999', '9007199254740993',
  '1.5', '-2.5e3', '1e2', '0.1', '[1E400]',
  'true', 'false', 'null', '[true,false,null]',
  '{"a":1,"a":2,"b":3,"a":4}',
  '{"__proto__":{"x":1}}', '{"trap":5}', '["a","b","c"]',
  '{"constructor":1,"toString":"s","hasOwnProperty":null}',
  '{"0":"zero","1":"one","length":2}',
  '{"e":"tab\\there","q":"say \\"hi\\"","u":"\\u00e9\\ud83d\\ude00","s":"a\\/b"}',
  '{"k\\u0065y":1}',
  '{"deep":' + new Array(21).join('[') + '1' + new Array(21).join(']') + '}',
  '{"mixed":[{"a":[{"b":[{"c":"d"}]}]}],"n":-0,"z":0}',
  '{"text":"caf\u00e9 \u20ac \ud83d\ude00"}',
  '{"":"empty key","x y":"space"}'
];

var child = cp.spawn(process.execPath, [__filename, 'child'], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { NODE_CHANNEL_FD: '0', PATH: process.env.PATH }
});
var i = 0, out = '', n = texts.length;
child.stdout.setEncoding('utf8');
child.stdout.on('data', function (d) {
  out += d;
  var nl;
  while ((nl = out.indexOf('\n')) !== -1) {
    var line = out.slice(0, nl);
    out = out.slice(nl + 1);
    var t = texts[i];
    console.log(t.length > 60 ? t.slice(0, 60) + '...' : t, '->', line);
    if (++i === n) {
      // A line cut in two writes: the framing's buffered path.
      texts.push('{"split":[1,2],"s":"x"} in two writes');
      child.stdin.write('{"split":[1,');
      child.stdin.write('2],"s":"x"}\n');
    } else if (i > n) {
      child.stdin.end();
    } else {
      child.stdin.write(texts[i] + '\n');
    }
  }
});
child.on('close', function (code) { console.log('close', code); });
child.stdin.write(texts[0] + '\n');
