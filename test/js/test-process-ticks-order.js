// nextTick before promise jobs, both before timers and immediates;
// inside an I/O-free timer: ticks, then microtasks, between timers.
var log = [];
function out(s) { log.push(s); }
setTimeout(function () {
  out('timeout 1');
  process.nextTick(function () { out('tick in timeout 1'); });
  Promise.resolve().then(function () { out('promise in timeout 1'); });
}, 0);
setTimeout(function () { out('timeout 2'); }, 0);
setImmediate(function () {
  out('immediate 1');
  process.nextTick(function () { out('tick in immediate 1'); });
  setImmediate(function () { out('immediate from immediate'); });
});
setImmediate(function () { out('immediate 2'); });
Promise.resolve().then(function () {
  out('promise 1');
  process.nextTick(function () { out('tick from promise'); });
}).then(function () { out('promise 2'); });
process.nextTick(function () {
  out('tick 1');
  process.nextTick(function () { out('tick 1.1'); });
  Promise.resolve().then(function () { out('promise from tick'); });
});
process.nextTick(function (a, b) { out('tick 2 args ' + a + b); }, 'x', 'y');
queueMicrotask(function () { out('queueMicrotask'); });
out('sync');
process.on('exit', function () {
  // timeouts vs immediates from the main module are racy in Node; print
  // each group in its own order instead of the interleaving.
  var t = log.filter(function (s) { return /timeout/.test(s); });
  var i = log.filter(function (s) { return /immediate/.test(s); });
  var rest = log.filter(function (s) { return !/timeout|immediate/.test(s); });
  console.log(rest.join('\n'));
  console.log(t.join('\n'));
  console.log(i.join('\n'));
});
