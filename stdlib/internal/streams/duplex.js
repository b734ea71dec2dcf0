/*
 * internal/streams/duplex — stream.Duplex: a Readable (by prototype) that
 * also carries every Writable method, with one state per side.
 *
 * Layer: stdlib (pure ES5). allowHalfOpen (default true) decides whether
 * the end of the readable side ends the writable side too.
 */
'use strict';

module.exports = Duplex;

var Stream = require('internal/streams/legacy').Stream;
var Readable = require('internal/streams/readable');
var Writable = require('internal/streams/writable');
var destroyImpl = require('internal/streams/destroy');

Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);

(function () {
  var keys = Object.keys(Writable.prototype);
  for (var i = 0; i < keys.length; i++) {
    var method = keys[i];
    if (!Duplex.prototype[method]) Duplex.prototype[method] = Writable.prototype[method];
  }
})();

Duplex.prototype.destroy = Writable.prototype.destroy;
Duplex.prototype.allowHalfOpen = true;

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  this._readableState = new Readable.ReadableState(options, this, true);
  this._writableState = new Writable.WritableState(options, this, true);

  // An own allowHalfOpen only where it differs from the prototype's
  // (memory: net.Socket's prototype says false).
  var halfOpen = !options || options.allowHalfOpen !== false;
  if (this.allowHalfOpen !== halfOpen) this.allowHalfOpen = halfOpen;
  if (options) {
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    // XXX: options.signal (addAbortSignal) is not supported.
  }

  Stream.call(this, options);
  if (this._construct != null) destroyImpl.construct(this, onConstructed);
}

function onConstructed() {
  Readable._onConstructed.call(this);
  Writable._onConstructed.call(this);
}

/* The writable-side accessors (Readable's prototype wins for the rest). */
['writable', 'writableHighWaterMark', 'writableObjectMode', 'writableBuffer',
  'writableLength', 'writableFinished', 'writableCorked', 'writableEnded',
  'writableNeedDrain'].forEach(function (name) {
  Object.defineProperty(Duplex.prototype, name,
    Object.getOwnPropertyDescriptor(Writable.prototype, name));
});

Object.defineProperty(Duplex.prototype, 'destroyed', {
  get: function () {
    if (this._readableState === undefined || this._writableState === undefined) return false;
    return this._readableState.destroyed && this._writableState.destroyed;
  },
  set: function (value) {
    if (this._readableState && this._writableState) {
      this._readableState.destroyed = value;
      this._writableState.destroyed = value;
    }
  },
  configurable: true
});
