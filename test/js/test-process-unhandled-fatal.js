// With no listener, the first unhandled rejection ends the process with 1.
process.on('exit', function (code) { console.log('exit', code); });
Promise.reject(new Error('fatal rejection'));
setTimeout(function () { console.log('never runs'); }, 10);
