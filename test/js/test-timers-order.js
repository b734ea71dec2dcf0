// Node's ordering guarantees: nextTicks and microtasks run between two
// timer callbacks and between two immediates; inside an I/O callback an
// immediate runs before a 0 ms timeout; an immediate queued by an
// immediate waits for the next loop turn; an interval cleared from its own
// callback stops; timers with equal delays run in creation order.
var fs = require('fs');
var log = [];
function note(s) { log.push(s); }

function phase1(next) {
  // Inside an I/O callback (fs.readFile completes in the poll phase), the
  // check phase comes before the timers phase: immediate first, every time.
  var rounds = 0;
  (function round() {
    fs.readFile(__filename, function (err) {
      if (err) throw err;
      var seen = [];
      var pending = 2;
      setTimeout(function () {
        seen.push('timeout');
        if (--pending === 0) done();
      }, 0);
      setImmediate(function () {
        seen.push('immediate');
        if (--pending === 0) done();
      });
      process.nextTick(function () { seen.push('tick'); });
      function done() {
        note('io round ' + rounds + ': ' + seen.join(' > '));
        if (++rounds < 5) round();
        else next();
      }
    });
  })();
}

function phase2(next) {
  // Ticks and promise jobs between timers of the same list.
  setTimeout(function () {
    note('timer A');
    process.nextTick(function () { note('tick after A'); });
    Promise.resolve().then(function () { note('promise after A'); });
  }, 1);
  setTimeout(function () {
    note('timer B');
    queueMicrotask(function () { note('microtask after B'); });
  }, 1);
  setTimeout(function () { note('timer C'); next(); }, 1);
}

function phase3(next) {
  // Immediates: ticks between them; one queued by an immediate runs in the
  // next turn, after the ones already queued (and after a timer that
  // expired in between is not guaranteed, so only immediates here).
  setImmediate(function () {
    note('imm 1');
    process.nextTick(function () { note('tick after imm 1'); });
    setImmediate(function () { note('imm 1.1 (next turn)'); });
  });
  setImmediate(function () {
    note('imm 2');
    setImmediate(function () {
      note('imm 2.1 (next turn)');
      setImmediate(function () { note('imm 2.1.1'); next(); });
    });
  });
  setImmediate(function (a, b) { note('imm 3 args ' + a + ' ' + b); }, 'x', 'y');
  var cancelled;
  setImmediate(function () { clearImmediate(cancelled); note('imm 4 cleared the next one'); });
  cancelled = setImmediate(function () { note('cancelled immediate ran'); });
}

function phase4(next) {
  // An interval cancelled from its own callback; a timeout cancelled by an
  // earlier one in the same list.
  var n = 0;
  var iv = setInterval(function (tag) {
    n++;
    note('interval ' + tag + ' ' + n);
    if (n === 3) {
      clearInterval(iv);
      setTimeout(function () {
        var victim;
        note('interval stopped at ' + n);
        setTimeout(function () { clearTimeout(victim); note('killer ran'); }, 2);
        victim = setTimeout(function () { note('victim ran'); }, 2);
        setTimeout(next, 5);
      }, 10);
    }
  }, 1, 'tag');
}

function phase5(next) {
  // Equal delays keep creation order, also across lists; `this` is the
  // timer, extra arguments are passed.
  var t = setTimeout(function (a, b) {
    note('this is the timer: ' + (this === t) + ', args ' + a + ' ' + b);
  }, 3, 1, 2);
  for (var i = 0; i < 5; i++) {
    (function (i) { setTimeout(function () { note('same delay ' + i); }, 3); })(i);
  }
  setTimeout(function () { note('longer'); next(); }, 6);
}

function phase6(next) {
  // nextTick before promise jobs; both before the immediate.
  setImmediate(function () { note('immediate last'); next(); });
  Promise.resolve().then(function () { note('promise 1'); });
  process.nextTick(function () {
    note('tick 1');
    process.nextTick(function () { note('tick 2 (queued by tick 1)'); });
    Promise.resolve().then(function () { note('promise 2 (queued by tick 1)'); });
  });
  queueMicrotask(function () { note('microtask 1'); });
}

function phase7(next) {
  // Two lists (5 ms, 6 ms) due in the same timers phase: ticks and promise
  // jobs queued by the first run before the second list.
  setTimeout(function () {
    note('list 5');
    process.nextTick(function () { note('tick after list 5'); });
    Promise.resolve().then(function () { note('promise after list 5'); });
  }, 5);
  setTimeout(function () { note('list 6'); next(); }, 6);
  var start = Date.now();
  while (Date.now() - start < 20) { /* both lists expire */ }
}

function phase8(next) {
  // An immediate that clears the last queued one and queues another: the
  // new one still waits for the next turn (a timer due by then runs
  // first).
  var b;
  setImmediate(function () {
    note('imm A clears B, queues C');
    clearImmediate(b);
    setImmediate(function () { note('imm C'); next(); });
    var start = Date.now();
    while (Date.now() - start < 3) { /* let the timer expire */ }
  });
  b = setImmediate(function () { note('imm B must not run'); });
  setTimeout(function () { note('timer between the turns'); }, 1);
}

var phases = [phase1, phase2, phase3, phase4, phase5, phase6, phase7];
// phase8 starts from an I/O callback, so its immediates run before the
// timer is looked at.
phases.push(function (next) { fs.stat(__filename, function () { phase8(next); }); });
(function run(i) {
  if (i === phases.length) {
    console.log(log.join('\n'));
    return;
  }
  note('-- phase ' + (i + 1));
  phases[i](function () { run(i + 1); });
})(0);
