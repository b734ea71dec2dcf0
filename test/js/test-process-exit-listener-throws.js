// An error thrown by an 'exit' listener (normal exit) is uncaught: it is
// reported and the code is process.exitCode if set (3 here), else 1.
process.on('exit', function (code) {
  console.log('exit listener got', code);
  process.exitCode = 3;
  throw new Error('thrown inside an exit listener');
});
process.on('exit', function () {
  console.log('second listener does not run');
});
console.log('main done');
