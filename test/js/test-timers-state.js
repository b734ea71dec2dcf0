// A Timeout's fields and methods before it runs, while it runs, after it
// ran and after it was cleared: _idleTimeout, _onTimeout, _timerArgs,
// _repeat, _destroyed, hasRef, +timer; refresh of a fired timer runs it
// again, of a cleared one does nothing, of one cleared after it fired
// re-arms it without a callback to run. Timers sharing one callback stay
// independent. Fractional delays.
function cb(tag) { log.push('cb ' + tag); }
var log = [];
var probe = setTimeout(cb, 1);
clearTimeout(probe);
var Timeout = probe.constructor;
function show(name, t) {
  log.push(name + ': idle ' + t._idleTimeout + ' repeat ' + t._repeat + ' destroyed ' + t._destroyed +
    ' hasRef ' + t.hasRef() + ' onTimeout ' + (typeof t._onTimeout === 'function' ? 'fn' : t._onTimeout) +
    ' args ' + JSON.stringify(t._timerArgs) + ' instanceof ' + (t instanceof Timeout));
}

var a = setTimeout(cb, 5, 'a');
var b = setTimeout(cb, 5, 'b');
var c = setTimeout(cb, 5, 'c');
var iv = setInterval(cb, 7, 'iv');
show('a fresh', a);
show('iv fresh', iv);
clearTimeout(b);
show('b cleared', b);
b.refresh();
show('b refreshed after clear', b);
c.unref();
show('c unref', c);
clearInterval(iv);
show('iv cleared', iv);
console.log(typeof a._idleStart);

var steps = [
  function (next) {
    setTimeout(function () {
      show('a fired', a);
      show('c fired', c);
      var idA = +a, idC = +c;
      log.push('ids differ ' + (idA !== idC) + ' stable ' + (idA === +a));
      a.refresh();
      show('a refreshed', a);
      clearTimeout(c);
      show('c cleared after firing', c);
      c.refresh();
      show('c refreshed', c);
      setTimeout(next, 10);
    }, 10);
  },
  function (next) {
    // a ran again; c was re-armed without a callback and did not run.
    show('a after second run', a);
    show('c after its turn', c);
    var self;
    self = setTimeout(function (x, y, z) {
      log.push('inside: this is timer ' + (this === self) + ' args ' + x + y + z + ' destroyed ' + self._destroyed);
      show('inside', self);
      next();
    }, 1, 1, 2, 3);
  },
  function (next) {
    // Fractional delays keep their value; all of them run. (Their order
    // against other lists depends on Node's uncached clock: not compared.)
    var order = [];
    setTimeout(function () { order.push('2'); }, 2);
    setTimeout(function () { order.push('1.5'); }, 1.5);
    setTimeout(function () { order.push('1'); }, 1);
    var f = setTimeout(function () { order.push('2.5'); }, 2.5);
    log.push('fractional idle ' + f._idleTimeout);
    setTimeout(function () { log.push('ran ' + order.sort().join(' ')); next(); }, 20);
  },
  function (next) {
    // Many timers sharing one callback: clearing some from another
    // timer's callback, refreshing others.
    var fired = [];
    var ts = [];
    function shared(i) { fired.push(i); }
    setTimeout(function () {
      for (var j = 0; j < 40; j += 3) clearTimeout(ts[j]);
      ts[1].refresh();
    }, 2);
    for (var i = 0; i < 40; i++) ts.push(setTimeout(shared, 5 + (i % 4), i));
    setTimeout(function () {
      // Per duration, in creation order (the refreshed one last); the
      // order between durations depends on Node's uncached clock.
      [5, 6, 7, 8].forEach(function (d) {
        log.push('shared ' + d + ' ms: ' + fired.filter(function (i) { return 5 + (i % 4) === d; }).join(','));
      });
      next();
    }, 30);
  }
];
(function run(i) {
  if (i === steps.length) { console.log(log.join('\n')); return; }
  steps[i](function () { run(i + 1); });
})(0);
