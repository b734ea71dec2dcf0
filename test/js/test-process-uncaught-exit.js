// Without a listener an uncaught error exits 1 after 'exit' listeners.
process.on('exit', function (code) { console.log('exit listener sees', code); });
setTimeout(function () { console.log('never'); }, 10);
console.log('throwing');
throw new Error('boom');
