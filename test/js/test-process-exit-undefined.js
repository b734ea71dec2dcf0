// process.exit(undefined) clears process.exitCode (Node 20): the exit
// code is 0 although exitCode was 4 before.
process.on('exit', function (code) {
  console.log('exit listener got', code, 'exitCode', process.exitCode);
});
process.exitCode = 4;
process.exit(undefined);
