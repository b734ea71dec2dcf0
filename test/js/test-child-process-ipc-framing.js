// child_process.fork: the IPC channel's framing, both ways — messages far
// larger than one read, text that is not ASCII (split anywhere between
// reads, as a multi-byte character can be), newlines and separators
// inside strings, and many messages arriving in one read, in order.
var cp = require('child_process');

if (process.argv[2] === 'child') {
  process.on('message', function (m) {
    if (m === 'bye') {
      process.disconnect();
      return;
    }
    process.send({ echo: m });
  });
  return;
}

function describe(v) {
  if (typeof v !== 'string') return JSON.stringify(v);
  var sum = 0;
  for (var i = 0; i < v.length; i++) sum = (sum * 31 + v.charCodeAt(i)) % 1000000007;
  return 'string(' + v.length + ', ' + sum + ')';
}

var messages = [
  new Array(1 << 20).join('a'),
  new Array(200001).join('\u20ac'),         // 3 bytes each in UTF-8
  new Array(50001).join('\ud83d\ude00x'),   // 4 bytes, then 1
  'line\nbreak\r\n and \u2028 separators \u2029',
  { nested: { list: [1, 'two', { three: '\u00fcn\u00efc\u00f8d\u00e9' }], n: -1.5e-7 } },
  '',
  0
];
for (var i = 0; i < 300; i++) messages.push(i % 3 === 0 ? { i: i, s: '\u00e9' + i } : i);

var child = cp.fork(__filename, ['child']);
var got = 0, bad = 0;
child.on('message', function (m) {
  var want = messages[got];
  if (JSON.stringify(m.echo) !== JSON.stringify(want)) {
    bad++;
    console.log('mismatch at', got, describe(m.echo), describe(want));
  } else if (got < 7) {
    console.log('echoed', got, describe(m.echo));
  }
  if (++got === messages.length) {
    console.log('all', got, 'echoed,', bad, 'wrong');
    child.send('bye');
  }
});
child.on('disconnect', function () { console.log('disconnect'); });
child.on('exit', function (code) { console.log('exit', code); });
for (var j = 0; j < messages.length; j++) child.send(messages[j]);
