// process.exit() inside an 'exit' listener: the listeners do not run again
// and the new code wins (Node exits 6 here).
process.on('exit', function (code) {
  console.log('exit listener 1 got', code, typeof code);
  process.exit(6);
});
process.on('exit', function () {
  console.log('listener 2 must not run: process.exit() ends at once');
});
console.log('calling process.exit("2")');
process.exit('2');
