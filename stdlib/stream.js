/*
 * stream — Node's stream module (Node 20 API): Stream (legacy base),
 * Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished,
 * promises, destroy and the is* helpers.
 *
 * Layer: stdlib (pure ES5). The classes live in internal/streams/; net,
 * http, fs streams, process stdio and child_process stdio build on them.
 * XXX: async iteration (Symbol.asyncIterator), the operators (map, filter,
 * ...), compose, duplexPair, addAbortSignal and web-stream adapters are not
 * provided.
 */
'use strict';

var legacy = require('internal/streams/legacy');
var utils = require('internal/streams/utils');
var stateMod = require('internal/streams/state');
var destroyImpl = require('internal/streams/destroy');
var eos = require('internal/streams/end-of-stream');
var pl = require('internal/streams/pipeline');

var Stream = module.exports = legacy.Stream;

Stream.isDestroyed = utils.isDestroyed;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;

Stream.Readable = require('internal/streams/readable');
Stream.Writable = require('internal/streams/writable');
Stream.Duplex = require('internal/streams/duplex');
Stream.Transform = require('internal/streams/transform');
Stream.PassThrough = require('internal/streams/passthrough');
Stream.pipeline = pl.pipeline;
Stream.finished = eos;
Stream.destroy = destroyImpl.destroyer;
Stream.setDefaultHighWaterMark = stateMod.setDefaultHighWaterMark;
Stream.getDefaultHighWaterMark = stateMod.getDefaultHighWaterMark;

var promises;
Object.defineProperty(Stream, 'promises', {
  configurable: true,
  enumerable: true,
  get: function () {
    if (promises === undefined) promises = require('stream/promises');
    return promises;
  }
});

/* util.promisify(pipeline) / promisify(finished) give the promise forms. */
var customPromisify = typeof Symbol === 'function' ? Symbol['for']('nodejs.util.promisify.custom') : null;
if (customPromisify !== null) {
  Object.defineProperty(pl.pipeline, customPromisify, {
    enumerable: true,
    get: function () { return Stream.promises.pipeline; }
  });
  Object.defineProperty(eos, customPromisify, {
    enumerable: true,
    get: function () { return Stream.promises.finished; }
  });
}

Stream.Stream = Stream;

Stream._isArrayBufferView = utils.isArrayBufferView;
Stream._isUint8Array = utils.isUint8Array;
Stream._uint8ArrayToBuffer = utils.toBuffer;
