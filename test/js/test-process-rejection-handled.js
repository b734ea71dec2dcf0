// Errors from microtasks and immediates reach 'uncaughtException' (and
// 'uncaughtExceptionMonitor') with their origin; rejections reach
// 'unhandledRejection'; a rejection handled late is announced by
// 'rejectionHandled' after the handler ran, or, with no listener, by a
// PromiseRejectionHandledWarning naming the rejection's id.
var log = [];
var captured = [];
var realWrite = process.stderr.write;
process.stderr.write = function (s) { captured.push(String(s)); return true; };
process.on('uncaughtException', function (e, origin) { log.push('uncaught ' + e.message + ' ' + origin); });
process.on('uncaughtExceptionMonitor', function (e, origin) { log.push('monitor ' + e.message + ' ' + origin); });
process.on('unhandledRejection', function (r, p) {
  log.push('unhandled ' + (r && r.message) + ' ' + (p instanceof Promise));
});
function onHandled(p) { log.push('rejectionHandled ' + (p === late)); }
process.on('rejectionHandled', onHandled);

queueMicrotask(function () { throw new Error('micro'); });
Promise.resolve().then(function () { throw new Error('in then'); });
var late = Promise.reject(new Error('late handled'));
Promise.reject(new Error('handled in time'))['catch'](function () { log.push('caught in time'); });
setImmediate(function () { throw new Error('imm'); });

// The timed part starts after the immediates (a slow start could let a
// timer run first).
setImmediate(function () { setTimeout(step2, 5); });
function step2() {
  late['catch'](function () { log.push('late caught'); });
  setTimeout(step3, 10);
}
function step3() {
  process.removeListener('rejectionHandled', onHandled);
  var again = Promise.reject(new Error('no listener'));
  setTimeout(function () {
    again['catch'](function () { log.push('caught without a listener'); });
    setTimeout(function () {
      process.stderr.write = realWrite;
      console.log(log.join('\n'));
      console.log('stderr:', JSON.stringify(captured.join('')
        .replace(/\((node|lode):\d+\)/g, '(PROC:PID)').replace(/`(node|lode) /g, '`PROC ')));
    }, 5);
  }, 5);
}
