// child_process: passing handles over the IPC channel — accepted sockets
// (several at once, queued behind the acknowledgements) that the child
// answers on, then the listening server itself, which the child serves
// while the parent's copy is closed. Messages keep their order around
// handle messages.
var cp = require('child_process');
var net = require('net');
var path = require('path');

var child = cp.fork(path.join(__dirname, 'fixtures', 'child_process', 'socket-child.js'));
var N = 5;
var accepted = 0;
var messages = [];
var server = net.createServer({ pauseOnConnect: true }, function (sock) {
  accepted++;
  child.send('socket', sock);
  child.send({ plain: accepted });
});

function ask(port, text, cb) {
  var got = '';
  var c = net.connect(port, '127.0.0.1', function () {
    if (text) c.write(text);
  });
  c.on('data', function (d) { got += d; });
  c.on('end', function () { cb(got); });
}

var plainOrder = [];
child.on('message', function (m) {
  if (m && m.plainBack) plainOrder.push(m.plainBack);
  else messages.push(JSON.stringify(m));
});

server.listen(0, '127.0.0.1', function () {
  var port = server.address().port;
  var answers = [], left = N;
  for (var i = 0; i < N; i++) {
    (function (i) {
      ask(port, 'ping ' + i, function (got) {
        answers[i] = got;
        if (--left === 0) {
          console.log('answers:', JSON.stringify(answers));
          passServer(port);
        }
      });
    })(i);
  }
});

function passServer(port) {
  child.send('server', server, function (err) {
    console.log('server sent', err);
  });
  child.on('message', function onListening(m) {
    if (!m || m.listening === undefined) return;
    child.removeListener('message', onListening);
    console.log('child listening', m.listening);
    // The parent stops accepting; the child's copy serves alone.
    server.close(function () {
      ask(port, null, function (got) {
        console.log('from the child server:', JSON.stringify(got));
        messages.sort();
        console.log('messages from child:', messages.join(' '));
        console.log('plain messages in order:', plainOrder.join(','));
        child.disconnect();
      });
    });
  });
}

child.on('exit', function (code, signal) {
  console.log('child exit', code, signal);
});
