// Immediates: fields and ref state before, during and after running;
// clearImmediate from an earlier immediate of the same turn and from a
// nextTick between two; an unref'd immediate runs when something else
// keeps the loop alive; arguments and `this`.
var log = [];
var i1, i2, i3, i4;
i1 = setImmediate(function (x, y) {
  log.push('i1 this ' + (this === i1) + ' args ' + x + ' ' + y + ' destroyed ' + i1._destroyed +
    ' hasRef ' + i1.hasRef() + ' onImmediate ' + typeof i1._onImmediate);
  clearImmediate(i2);
  process.nextTick(function () { clearImmediate(i3); log.push('tick cleared i3'); });
}, 'x', 'y');
i2 = setImmediate(function () { log.push('i2 must not run'); });
i3 = setImmediate(function () { log.push('i3 must not run'); });
i4 = setImmediate(function () {
  log.push('i4 ran; i2 destroyed ' + i2._destroyed + ' hasRef ' + i2.hasRef());
  var u = setImmediate(function () { log.push('unref immediate ran (timer kept the loop)'); });
  u.unref();
  log.push('u hasRef ' + u.hasRef() + ' args ' + JSON.stringify(u._argv));
  setTimeout(function () { console.log(log.join('\n')); }, 5);
});
log.push('fresh: destroyed ' + i1._destroyed + ' hasRef ' + i1.hasRef() + ' args ' + JSON.stringify(i1._argv) +
  ' onImmediate ' + typeof i1._onImmediate);
