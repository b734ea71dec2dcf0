/*
 * internal/streams/passthrough — stream.PassThrough: a Transform that
 * passes every chunk through unchanged.
 *
 * Layer: stdlib (pure ES5).
 */
'use strict';

module.exports = PassThrough;

var Transform = require('internal/streams/transform');

Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}

PassThrough.prototype._transform = function (chunk, encoding, cb) {
  cb(null, chunk);
};
