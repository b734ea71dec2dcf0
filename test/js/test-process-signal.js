// process.on('SIGUSR2') catches a signal sent to ourselves; removing the
// listener lets the loop end.
process.on('SIGUSR2', function onSig(name, num) {
  console.log('got', name, num);
  process.removeListener('SIGUSR2', onSig);
});
process.kill(process.pid, 'SIGUSR2');
// The listener alone does not keep the process alive, so wait for it.
var t = setTimeout(function () { console.log('signal never came'); }, 2000);
process.on('removeListener', function (n) {
  if (n === 'SIGUSR2') clearTimeout(t);
});
