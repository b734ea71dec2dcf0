// An uncaught error runs the 'exit' listeners; if one of them throws too,
// Node ignores that second error: it reports the first and exits 1.
process.on('exit', function (code) {
  console.log('exit listener got', code, 'exitCode', process.exitCode);
  throw new Error('second error, from the exit listener');
});
console.log('throwing');
throw new Error('first error');
