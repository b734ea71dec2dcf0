// test/prof/hot.js — a program whose CPU time is nearly all in hotLoop
// (called from spin), for test/prof/run.sh.
'use strict';
function hotLoop(n) {
  var s = 0;
  for (var i = 0; i < n; i++) s += i % 7;
  return s;
}
function spin(ms) {
  var t = Date.now(), s = 0;
  while (Date.now() - t < ms) s += hotLoop(20000);
  return s;
}
console.log(spin(+process.argv[2] || 400) > 0 ? 'spun' : 'no');
