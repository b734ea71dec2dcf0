// An 'uncaughtException' listener keeps the process alive; the rest of
// the program still runs.
process.on('uncaughtException', function (err, origin) {
  console.log('caught:', err.message, origin);
});
setTimeout(function () {
  console.log('timer after the throw still runs');
}, 5);
setTimeout(function () {
  throw new Error('from a timer');
}, 1);
process.nextTick(function () {
  throw new Error('from nextTick');
});
console.log('main done');
