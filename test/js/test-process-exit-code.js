// process.exitCode and 'exit' listeners; the exit code reaches the shell.
process.on('exit', function (code) {
  console.log('exit event with', code, 'exitCode', process.exitCode);
});
process.exitCode = 3;
console.log('set exitCode');
