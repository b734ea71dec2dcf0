// Thousands of timers at once: one closure each or one shared callback,
// whole and fractional delays, cleared by object or by id before they
// run or from another timer's callback, refreshed, unref'd; then
// intervals. Which ones run (and how often) must be exact.
var N = 6000;
var ran = {};
var count = 0;
var ts = [];
// From a callback at 1 ms (armed first, so that its deadline comes
// before the others' however long creating them takes): clear the ones of 30 ms and more that are
// multiples of 5, refresh the multiples of 11 among them. The check is
// armed there too, so its deadline comes after every refreshed one's,
// however slow the machine.
setTimeout(function () {
  for (var j = 0; j < N; j++) {
    if ((j % 37) < 30) continue;
    if (j % 5 === 0) clearTimeout(ts[j]);
    else if (j % 11 === 0) ts[j].refresh();
  }
  setTimeout(check, 40);
}, 1);

function shared(i) { ran[i] = (ran[i] || 0) + 1; count++; }
for (var i = 0; i < N; i++) {
  var d = (i % 37) + (i % 3 === 0 ? 0.5 : 0);
  if (i % 2 === 0) {
    ts.push(setTimeout(shared, d, i));
  } else {
    ts.push(setTimeout((function (i) {
      return function () { ran[i] = (ran[i] || 0) + 1; count++; };
    })(i), d));
  }
}
// Cleared at once: every 7th by object, every 13th by its id.
for (i = 0; i < N; i += 7) clearTimeout(ts[i]);
for (i = 5; i < N; i += 13) clearTimeout(+ts[i]);
// Unref'd ones still run while the rest keeps the loop alive.
for (i = 3; i < N; i += 17) ts[i].unref();
function check() {
  var missing = 0, twice = 0, wrong = 0;
  for (var j = 0; j < N; j++) {
    var cleared = j % 7 === 0 || (j >= 5 && (j - 5) % 13 === 0) ||
      ((j % 37) >= 30 && j % 5 === 0);
    var n = ran[j] || 0;
    if (cleared && n !== 0) wrong++;
    if (!cleared && n === 0) missing++;
    if (n > 1) twice++;
  }
  console.log('timeouts ran', count, 'missing', missing, 'twice', twice, 'cleared but ran', wrong);
  intervals();
}

function intervals() {
  var ticks = 0, ivs = [], stopped = 0;
  for (var k = 0; k < 300; k++) {
    ivs.push(setInterval(function (k) {
      ticks++;
      if (++this.n === 3) {
        clearInterval(this);
        if (++stopped === 300) console.log('interval ticks', ticks, 'stopped', stopped);
      }
    }, 1 + (k % 5), k));
    ivs[k].n = 0;
  }
}
