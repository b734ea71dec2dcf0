// echo-server.js — the first lode program to read: a TCP echo server.
//
//   make run            # builds lode, then runs this on 127.0.0.1:7000
//   nc 127.0.0.1 7000   # type a line, get it back
//
// PORT=8000 changes the port. Each connection is a net.Socket (a Duplex
// stream): piping it into itself sends every byte back, with
// backpressure, so a client that stops reading slows only itself.
var net = require('net');
var port = Number(process.env.PORT || 7000);

var server = net.createServer(function (socket) {
  var who = socket.remoteAddress + ':' + socket.remotePort;
  console.log('connection from %s', who);
  socket.pipe(socket);
  socket.on('error', function (err) {
    console.log('%s: %s', who, err.message);
  });
  socket.on('close', function () {
    console.log('%s left', who);
  });
});

server.on('error', function (err) {
  console.error('cannot listen on 127.0.0.1:%d: %s', port, err.message);
  process.exit(1);
});

server.listen(port, '127.0.0.1', function () {
  console.log('echo server on 127.0.0.1:%d (try: nc 127.0.0.1 %d)', port, port);
});
