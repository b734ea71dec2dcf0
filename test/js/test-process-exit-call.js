// process.exit(code) stops at once: later code and timers do not run.
setTimeout(function () { console.log('timer must not run'); }, 0);
process.on('exit', function (code) { console.log('exit', code); });
console.log('before');
process.exit(5);
console.log('after (must not print)');
