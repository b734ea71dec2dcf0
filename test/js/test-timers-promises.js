// timers/promises: setTimeout, setImmediate, setInterval (an async
// iterator: driven here with next()/return(), as ES5 has no for await),
// scheduler.wait/yield, the { ref } option and argument errors, which
// reject instead of throwing.
var tp = require('timers/promises');
console.log(typeof tp.setTimeout, typeof tp.setImmediate, typeof tp.setInterval,
  typeof tp.scheduler, typeof tp.scheduler.wait, typeof tp.scheduler.yield,
  require('node:timers/promises') === tp, require('timers').promises === tp);

function report(label) {
  return function (e) { console.log(label + ':', e.name, e.code, e.message); };
}

var steps = [
  function () {
    return Promise.all([
      tp.setTimeout('10').then(null, report('delay string')),
      tp.setTimeout(1, 'v', 5).then(null, report('options number')),
      tp.setTimeout(1, 'v', { ref: 'yes' }).then(null, report('ref not boolean')),
      tp.setTimeout(1, 'v', { signal: {} }).then(null, report('bad signal')),
      tp.setImmediate('v', null).then(null, report('immediate options null'))
    ]);
  },
  function () {
    return tp.setTimeout(2, 'value').then(function (v) { console.log('setTimeout resolved', v); });
  },
  function () {
    return tp.setTimeout().then(function (v) { console.log('no arguments resolves', v); });
  },
  function () {
    return tp.setImmediate('imm').then(function (v) { console.log('setImmediate resolved', v); });
  },
  function () {
    var seq = [];
    return Promise.all([
      tp.setTimeout(6, 'six').then(function (v) { seq.push(v); }),
      tp.setTimeout(1, 'one').then(function (v) { seq.push(v); }),
      tp.setTimeout(3, 'three').then(function (v) { seq.push(v); })
    ]).then(function () { console.log('by delay:', seq.join(' ')); });
  },
  function () {
    return tp.scheduler.wait(2).then(function (v) {
      console.log('scheduler.wait', v);
      return tp.scheduler.yield();
    }).then(function (v) { console.log('scheduler.yield', v); });
  },
  function () {
    var it = tp.setInterval(2, 'tick');
    var n = 0;
    console.log('async iterator:', typeof it.next, typeof it['return'],
      typeof Symbol.asyncIterator !== 'symbol' || it[Symbol.asyncIterator]() === it);
    function step() {
      return it.next().then(function (r) {
        console.log('interval', ++n, r.value, r.done);
        if (n < 3) return step();
        return it['return']('bye').then(function (r2) {
          console.log('return():', r2.value, r2.done);
          return it.next();
        }).then(function (r3) { console.log('next after return:', r3.value, r3.done); });
      });
    }
    return step();
  },
  function () {
    var bad = tp.setInterval('x');
    return bad.next().then(null, function (e) {
      console.log('interval bad delay:', e.code);
      return bad.next();
    }).then(function (r) { console.log('then done:', r.done); });
  },
  function () {
    // ref: false does not keep the process alive (this never resolves).
    tp.setTimeout(100000, 'never', { ref: false }).then(function () { console.log('must not resolve'); });
    tp.setImmediate('unref imm', { ref: false }).then(function (v) { console.log('unref immediate still runs:', v); });
    return tp.setTimeout(5);
  }
];

(function next(i) {
  if (i === steps.length) {
    console.log('all done');
    return;
  }
  steps[i]().then(function () { next(i + 1); });
})(0);
