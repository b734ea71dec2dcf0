// Timer argument handling as Node: callback validation (TypeError
// ERR_INVALID_ARG_TYPE), delays that are negative, NaN, strings or too
// large (TimeoutOverflowWarning, duration 1), extra arguments, the
// timers module and its node: name, util.promisify(setTimeout).
var timers = require('timers');
var util = require('util');

function show(fn) {
  try {
    fn();
    console.log('no error');
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
}
show(function () { setTimeout(); });
show(function () { setTimeout('code string', 1); });
show(function () { setInterval(null, 1); });
show(function () { setImmediate(42); });
show(function () { setImmediate({}); });
show(function () { setTimeout(function () {}, 1).close(); });

console.log(timers.setTimeout === setTimeout, timers.setInterval === setInterval,
  timers.setImmediate === setImmediate, timers.clearTimeout === clearTimeout,
  timers.clearInterval === clearInterval, timers.clearImmediate === clearImmediate,
  require('node:timers') === timers);

// The warning goes to the 'warning' event and, through console.error, to
// process.stderr; capture both.
var captured = [];
var realWrite = process.stderr.write;
process.stderr.write = function (s) { captured.push(String(s)); return true; };
process.on('warning', function (w) {
  console.log('warning event:', w.name, JSON.stringify(w.message));
});

var order = [];
var big = setTimeout(function () { order.push('big (2^31)'); }, Math.pow(2, 31));
console.log('overflowed delay becomes', big._idleTimeout);
setTimeout(function () { order.push('negative'); }, -10);
setTimeout(function () { order.push('NaN'); }, NaN);
setTimeout(function () { order.push('string "abc"'); }, 'abc');
setTimeout(function () { order.push('undefined'); });
setTimeout(function () { order.push('string "2"'); }, '2');
setTimeout(function () { order.push('max ok'); }, 2147483647).unref();
setTimeout(function () {
  process.stderr.write = realWrite;
  console.log('fired:', order.join(', '));
  console.log('stderr:', JSON.stringify(captured.map(function (s) {
    return s.replace(/\((node|lode):\d+\)/, '(PROC:PID)').replace(/`(node|lode) /, '`PROC ');
  })));
}, 20);

// util.promisify(setTimeout) is timers/promises' setTimeout.
var sleep = util.promisify(setTimeout);
console.log('promisify:', sleep === require('timers/promises').setTimeout,
  util.promisify(setImmediate) === require('timers/promises').setImmediate);
sleep(5, 'slept').then(function (v) { console.log('promisified setTimeout resolved with', v); });
