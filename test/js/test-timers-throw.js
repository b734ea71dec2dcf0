// An uncaught exception in a timer or an immediate callback, taken by an
// 'uncaughtException' listener, does not stop the rest of that timers or
// check phase; as Node, the next callback then runs before the ticks the
// throwing one queued. An interval that throws keeps repeating; a
// timeout that throws is done (hasRef stays, refresh revives it).
var log = [];
var errors = 0;
process.on('uncaughtException', function (e) { errors++; log.push('caught ' + e.message); });

function phase1(next) {
  setTimeout(function () {
    log.push('A');
    process.nextTick(function () { log.push('tick A'); });
    Promise.resolve().then(function () { log.push('promise A'); });
    throw new Error('a');
  }, 1);
  setTimeout(function () { log.push('B'); process.nextTick(function () { log.push('tick B'); }); }, 1);
  setTimeout(function () { log.push('C'); next(); }, 1);
  var start = Date.now();
  while (Date.now() - start < 5) { /* all three are due in the same run */ }
}

function phase2(next) {
  // The throwing timer is the last of its list; another list is due too.
  var start = Date.now();
  setTimeout(function () { log.push('list 3'); process.nextTick(function () { log.push('tick 3'); }); throw new Error('three'); }, 3);
  setTimeout(function () { log.push('list 4'); }, 4);
  setTimeout(function () { log.push('list 5'); next(); }, 5);
  while (Date.now() - start < 10) { /* all three lists expire together */ }
}

function phase3(next) {
  setImmediate(function () {
    log.push('I1');
    process.nextTick(function () { log.push('tick I1'); });
    throw new Error('i');
  });
  setImmediate(function () { log.push('I2'); });
  setImmediate(function () { log.push('I3'); next(); });
}

function phase4(next) {
  var n = 0;
  var iv = setInterval(function () {
    n++;
    log.push('interval ' + n);
    if (n === 3) { clearInterval(iv); next(); return; }
    throw new Error('iv' + n);
  }, 1);
}

function phase5(next) {
  var runs = 0;
  var t = setTimeout(function () {
    runs++;
    log.push('t run ' + runs + ' destroyed ' + t._destroyed);
    if (runs === 1) {
      setTimeout(function () {
        log.push('after throw: hasRef ' + t.hasRef() + ' destroyed ' + t._destroyed + ' idle ' + t._idleTimeout);
        t.refresh();
      }, 1);
      throw new Error('t');
    }
    next();
  }, 1);
}

var phases = [phase1, phase2, phase3, phase4, phase5];
(function run(i) {
  if (i === phases.length) {
    setImmediate(function () {
      console.log(log.join('\n'));
      console.log('errors', errors);
    });
    return;
  }
  log.push('-- phase ' + (i + 1));
  phases[i](function () { setTimeout(function () { run(i + 1); }, 1); });
})(0);
