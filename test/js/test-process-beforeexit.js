// 'beforeExit' runs when the loop empties and may schedule more work;
// it fires again after that work, then 'exit'.
var rounds = 0;
process.on('beforeExit', function (code) {
  console.log('beforeExit', code, 'round', rounds);
  if (rounds++ < 2) {
    setTimeout(function () { console.log('timer from beforeExit', rounds); }, 1);
  }
});
process.on('exit', function (code) { console.log('exit', code, 'after', rounds, 'rounds'); });
