/*
 * internal/streams/transform — stream.Transform: a Duplex whose written
 * chunks go through _transform(chunk, encoding, cb) into the readable
 * side; _flush(cb) runs before the readable side ends.
 *
 * Layer: stdlib (pure ES5). Backpressure: a _transform callback is held
 * back (in this[kCallback]) while the readable side is at its
 * highWaterMark, and released by the next _read.
 */
'use strict';

module.exports = Transform;

var Duplex = require('internal/streams/duplex');
var getHighWaterMark = require('internal/streams/state').getHighWaterMark;
var codes = require('internal/streams/utils').codes;

Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

var hasSymbol = typeof Symbol === 'function';
var kCallback = hasSymbol ? Symbol('kCallback') : '__kCallback';
var kWriteCb = hasSymbol ? Symbol('kWriteCb') : '__kWriteCb';
var kLength = hasSymbol ? Symbol('kLength') : '__kLength';
var kAfterTransform = hasSymbol ? Symbol('kAfterTransform') : '__kAfterTransform';

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);

  /* A readable highWaterMark of 0 would stall: the writable side then
   * defaults to 0 too. */
  var rhwm = options ? getHighWaterMark(this, options, 'readableHighWaterMark', true) : null;
  if (rhwm === 0) {
    var o = {};
    for (var k in options) o[k] = options[k];
    o.highWaterMark = null;
    o.readableHighWaterMark = rhwm;
    o.writableHighWaterMark = options.writableHighWaterMark || 0;
    options = o;
  }

  Duplex.call(this, options);

  /* Data pushed from _transform may be emitted synchronously. */
  this._readableState.sync = false;
  this[kCallback] = null;

  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }

  /* A subclass overriding _final still gets _flush run at prefinish. */
  this.on('prefinish', prefinish);
}

function final(cb) {
  var self = this;
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush(function (er, data) {
      if (er) {
        if (cb) cb(er);
        else self.destroy(er);
        return;
      }
      if (data != null) self.push(data);
      self.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}

function prefinish() {
  if (this._final !== final) final.call(this);
}

Transform.prototype._final = final;

Transform.prototype._transform = function (chunk, encoding, callback) {
  throw codes.ERR_METHOD_NOT_IMPLEMENTED('_transform()');
};

/* One _write is in flight at a time, so the _transform callback is one
 * function per stream (no closure per chunk); it remembers the write
 * callback and the readable length seen when the chunk came in. */
function afterTransform(err, val) {
  var callback = this[kWriteCb];
  if (err) {
    callback(err);
    return;
  }
  var rState = this._readableState;
  if (val != null) this.push(val);
  if (rState.ended) {
    process.nextTick(callback);
  } else if (this._writableState.ended || this[kLength] === rState.length ||
             rState.length < rState.highWaterMark) {
    callback();
  } else {
    this[kCallback] = callback;
  }
}

Transform.prototype._write = function (chunk, encoding, callback) {
  this[kWriteCb] = callback;
  this[kLength] = this._readableState.length;
  var done = this[kAfterTransform];
  if (done === undefined) done = this[kAfterTransform] = afterTransform.bind(this);
  this._transform(chunk, encoding, done);
};

Transform.prototype._read = function () {
  var callback = this[kCallback];
  if (callback) {
    this[kCallback] = null;
    callback();
  }
};
