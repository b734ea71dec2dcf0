// child.send: what JSON.stringify makes of a message decides what is sent,
// as in node — a toJSON that gives undefined sends the text 'undefined'
// (the child's JSON.parse then throws), a cycle throws from send(), and
// text that is not ASCII goes out as UTF-8.
var cp = require('child_process');
if (process.argv[2] === 'child') {
  process.on('message', function (m) { console.log('child got', JSON.stringify(m)); process.disconnect(); });
  process.on('uncaughtException', function (e) { console.log('child error', e.name); process.exit(0); });
  return;
}
var c = cp.fork(__filename, ['child']);
try { c.send({ toJSON: function () { return undefined; } }); console.log('sent'); } catch (e) { console.log('threw', e.name); }
try { var o = {}; o.self = o; c.send(o); } catch (e) { console.log('cycle threw', e.name); }
c.send({ text: 'caf\u00e9' });
c.on('exit', function (code) { console.log('exit', code); });
