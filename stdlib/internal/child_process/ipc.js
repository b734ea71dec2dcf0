// internal/child_process/ipc — the child's side of fork() (layer: stdlib/).
// The bootstrap calls setupChild() before the main script when
// NODE_CHANNEL_FD is in the environment: as Node, the variables are
// removed and process.send, process.connected, process.disconnect(),
// process.channel and the 'message'/'disconnect' events work over that
// descriptor. The channel keeps the process alive only while 'message'
// or 'disconnect' listeners exist (or writes are pending), and it closes
// when the parent goes away.
'use strict';

function setupChild() {
  var fd = parseInt(process.env.NODE_CHANNEL_FD, 10);
  var mode = process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  delete process.env.NODE_CHANNEL_FD;
  delete process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  // XXX: 'advanced' serialization is not implemented: JSON is spoken.
  void mode;
  if (!(fd >= 0)) return;
  require('child_process')._forkChild(fd);
  // A cluster worker: its cluster side is up before the main script.
  if (process.env.NODE_UNIQUE_ID !== undefined) require('cluster')._setupWorker();
}

module.exports = { setupChild: setupChild };
