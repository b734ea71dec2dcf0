// Node 20 default: an unhandled rejection is fatal (exit 1); a listener
// takes it instead, and a handler attached in time prevents it.
var handledLater = Promise.reject(new Error('handled in the same tick'));
handledLater.catch(function (e) { console.log('caught', e.message); });
process.on('unhandledRejection', function (reason, p) {
  console.log('unhandledRejection:', reason.message, p instanceof Promise);
});
Promise.reject(new Error('nobody catches this'));
Promise.resolve().then(function () { console.log('microtask runs'); });
