// http client: req.setTimeout and the 'timeout' event, the timeout
// option, abort() and destroy() before and after the response, and the
// shape of the "socket hang up" error.
var http = require('http');

var server = http.createServer(function (req, res) {
  if (req.url === '/slow') {
    // Never answers; the client gives up.
    req.resume();
    return;
  }
  if (req.url === '/partial') {
    res.writeHead(200, { 'Content-Length': 100 });
    res.write('part');
    return;
  }
  if (req.url === '/hangup') {
    req.socket.destroy();
    return;
  }
  res.end('ok');
});
server.keepAliveTimeout = 100;

var steps = [setTimeoutEvent, timeoutOption, abortBefore, destroyBefore, destroyWithError,
  abortAfterResponse, hangUp];
function next() {
  var s = steps.shift();
  if (s) s();
  else {
    server.closeAllConnections();
    server.close(function () { console.log('done'); });
  }
}
server.listen(0, '127.0.0.1', next);

function opts(path) {
  return { port: server.address().port, host: '127.0.0.1', path: path, agent: false };
}

function errShape(label, e) {
  console.log(label, e.name, e.code, e.message);
}

function setTimeoutEvent() {
  var req = http.get(opts('/slow'));
  req.setTimeout(50, function () {
    console.log('setTimeout: timeout event, destroyed', req.destroyed);
    req.destroy();
  });
  req.on('error', function (e) { errShape('setTimeout: error', e); });
  req.on('close', function () {
    console.log('setTimeout: close');
    next();
  });
}

function timeoutOption() {
  var o = opts('/slow');
  o.timeout = 50;
  var req = http.get(o);
  req.on('timeout', function () {
    console.log('timeoutOption: timeout event');
    req.destroy(new Error('gave up'));
  });
  req.on('error', function (e) { errShape('timeoutOption: error', e); });
  req.on('close', function () {
    console.log('timeoutOption: close');
    next();
  });
}

function abortBefore() {
  var req = http.get(opts('/'));
  var events = [];
  req.on('abort', function () { events.push('abort'); });
  req.on('error', function (e) { events.push('error:' + e.code); });
  req.on('close', function () {
    events.push('close');
    console.log('abortBefore:', events.join(' '), req.aborted, req.destroyed);
    next();
  });
  req.abort();
}

function destroyBefore() {
  var req = http.get(opts('/'));
  req.on('error', function (e) { errShape('destroyBefore: error', e); });
  req.on('close', function () {
    console.log('destroyBefore: close', req.destroyed);
    next();
  });
  req.destroy();
}

function destroyWithError() {
  var req = http.get(opts('/'));
  req.on('error', function (e) { errShape('destroyWithError: error', e); });
  req.on('close', function () {
    console.log('destroyWithError: close');
    next();
  });
  req.destroy(new Error('custom'));
}

function abortAfterResponse() {
  var req = http.get(opts('/partial'), function (res) {
    var events = [];
    res.on('data', function (d) {
      events.push('data:' + d);
      req.abort();
    });
    res.on('aborted', function () { events.push('res aborted'); });
    res.on('error', function (e) { events.push('res error:' + e.code + ':' + e.message); });
    res.on('end', function () { events.push('res end'); });
    res.on('close', function () {
      events.push('res close');
      setImmediate(function () {
        console.log('abortAfterResponse:', events.join(' | '), res.aborted, res.complete);
        next();
      });
    });
  });
  req.on('error', function (e) { errShape('abortAfterResponse: req error', e); });
}

function hangUp() {
  var req = http.get(opts('/hangup'));
  req.on('error', function (e) {
    errShape('hangUp: error', e);
  });
  req.on('close', function () {
    console.log('hangUp: close');
    next();
  });
}
