/*
 * stream/promises — pipeline(...streams[, options]) and finished(stream
 * [, options]) returning Promises.
 *
 * Layer: stdlib (pure ES5).
 */
'use strict';

var utils = require('internal/streams/utils');
var pipelineImpl = require('internal/streams/pipeline').pipelineImpl;
var finished = require('internal/streams/end-of-stream').finished;

function pipeline() {
  var streams = Array.prototype.slice.call(arguments);
  return new Promise(function (resolve, reject) {
    var end;
    var lastArg = streams[streams.length - 1];
    if (lastArg && typeof lastArg === 'object' && !Array.isArray(lastArg) &&
        !utils.isNodeStream(lastArg) && !utils.isIterable(lastArg)) {
      var options = streams.pop();
      end = options.end;
      // XXX: options.signal is not supported.
    }
    pipelineImpl(streams, function (err, value) {
      if (err) reject(err);
      else resolve(value);
    }, { end: end });
  });
}

module.exports = { finished: finished, pipeline: pipeline };
