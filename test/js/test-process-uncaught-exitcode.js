// After an uncaught error, an 'exit' listener that sets process.exitCode
// decides the exit code (Node: even 0). exitCode set before the throw is
// replaced by 1.
process.exitCode = 5;
process.on('exit', function (code) {
  console.log('exit listener got', code, 'exitCode', process.exitCode);
  process.exitCode = 0;
});
setTimeout(function () {
  throw new Error('late uncaught error');
}, 1);
