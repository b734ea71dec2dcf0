// Timeout and Immediate objects: ref/unref/hasRef (also after running or
// being cleared), refresh, close, clearTimeout by the numeric id (valueOf /
// Symbol.toPrimitive), and unref'd timers not keeping the process alive.
var t = setTimeout(function () {}, 1000);
console.log('fresh', t.hasRef(), t.unref() === t, t.hasRef(), t.ref() === t, t.hasRef());
clearTimeout(t);
console.log('cleared timeout keeps its ref flag:', t.hasRef());

var i2 = setImmediate(function () { console.log('cleared immediate must not run'); });
console.log('immediate', i2.hasRef(), i2.unref() === i2, i2.hasRef(), i2.ref() === i2, i2.hasRef());
clearImmediate(i2);
console.log('cleared immediate:', i2.hasRef());
i2.ref();
console.log('ref after clear does nothing:', i2.hasRef());

var immediateHasRef = 'not run';
var i3 = setImmediate(function () {
  immediateHasRef = i3.hasRef();
});

// A primitive id: +timer, String(timer), and `${timer}`-like concatenation.
var t2 = setTimeout(function () { console.log('t2 must not run'); }, 5);
var id = +t2;
console.log('id is a number:', typeof id, id > 0, id === +t2, typeof t2[Symbol.toPrimitive]);
clearTimeout(id);
var t3 = setTimeout(function () { console.log('t3 must not run'); }, 5);
clearTimeout('' + (+t3));
var t4 = setInterval(function () { console.log('t4 must not run'); }, 5);
clearInterval(+t4);
clearTimeout(123456789);          // unknown ids are ignored
clearTimeout(null);
clearTimeout(undefined);
clearTimeout({});
clearImmediate(null);


// close() is clearTimeout().
var t5 = setTimeout(function () { console.log('t5 must not run'); }, 5);
console.log('close returns the timer:', t5.close() === t5);

// An unref'd timer does not keep the loop alive...
setTimeout(function () { console.log('unref timer must not run'); }, 100000).unref();
setInterval(function () { console.log('unref interval must not run'); }, 50000).unref();

var r0 = setTimeout(function () {}, 30);
console.log('refresh returns the timer:', r0.refresh() === r0);
clearTimeout(r0);

// The timed parts run one after the other, each from a timer callback,
// so a slow start (or a slow machine) does not change their order.
var steps = [
  function (next) {
    // ...but an unref'd timer fires while something else keeps the loop.
    var u = setTimeout(function () { console.log('unref timer fired while the loop was alive'); }, 1);
    u.unref();
    setTimeout(next, 20);
  },
  function (next) {
    // refresh() restarts the countdown from now: r (30 ms) refreshed at
    // 20 ms fires after the 40 ms timer.
    var events = [];
    var r = setTimeout(function () {
      events.push('r');
      console.log('order:', events.join(' '));
      console.log('immediate ran, hasRef inside:', immediateHasRef);
      next();
    }, 30);
    setTimeout(function () { r.refresh(); events.push('refresh'); }, 20);
    setTimeout(function () { events.push('40ms'); }, 40);
  },
  function (next) {
    // refresh() of a cleared timer does not revive it; of a timer that
    // already ran, it does (Node's documented behaviour).
    var cleared = setTimeout(function () { console.log('cleared must not run'); }, 1);
    clearTimeout(cleared);
    cleared.refresh();
    var runs = 0;
    var ran = setTimeout(function () {
      runs++;
      console.log('ran', runs);
      if (runs === 1) setTimeout(function () { ran.refresh(); }, 1);
      else next();
    }, 1);
  },
  function (next) {
    // A refreshed interval keeps repeating.
    var count = 0;
    var iv = setInterval(function () {
      count++;
      if (count === 1) iv.refresh();
      if (count === 3) {
        clearInterval(iv);
        console.log('interval ran', count, 'times, hasRef', iv.hasRef());
        next();
      }
    }, 2);
  }
];
(function run(i) {
  if (i < steps.length) setTimeout(function () { steps[i](function () { run(i + 1); }); }, 1);
})(0);
