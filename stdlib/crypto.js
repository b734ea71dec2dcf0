// crypto — hashes, HMAC, PBKDF2, AES-GCM/CBC and random bytes (layer:
// stdlib/, over internalBinding('crypto'), which runs BearSSL's
// implementations). Node 20's documented behaviour and error codes for
// the parts Node programs use most; what BearSSL lacks (RSA/EC key
// objects, sign/verify, DH, scrypt, other ciphers) is absent.
//
// Hash, Hmac, Cipheriv and Decipheriv are Transform streams created
// lazily, as Node does: the stream state appears on first stream use, so
// createHash(...).update(...).digest() costs no stream machinery.
'use strict';

var Buffer = require('buffer').Buffer;
var stream = require('stream');
var StringDecoder = require('string_decoder').StringDecoder;
var errors = require('internal/errors');
var binding = internalBinding('crypto');

var codes = errors.codes;
var E = errors.E;

E('ERR_CRYPTO_HASH_FINALIZED', 'Digest already called', Error);
E('ERR_CRYPTO_HASH_UPDATE_FAILED', 'Hash update failed', Error);
E('ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: %s', TypeError);
E('ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher', Error);
E('ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length', RangeError);
E('ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector', TypeError);
E('ERR_CRYPTO_INVALID_AUTH_TAG', 'Invalid authentication tag length: %s', TypeError);
E('ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation %s', Error);
E('ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH',
  'Input buffers must have the same byte length', RangeError);

var kMaxLength = 2147483647;
var kMaxUint32 = 4294967295;

function isView(v) {
  return ArrayBuffer.isView(v);
}

function isBytes(v) {
  return isView(v) || v instanceof ArrayBuffer;
}

function normEnc(enc) {
  if (enc === undefined || enc === null) return 'utf8';
  var e = String(enc).toLowerCase();
  if (e === 'utf-8') return 'utf8';
  return e;
}

// A string or bytes argument as something the binding takes: strings in
// UTF-8 pass as they are (the binding encodes them), others are converted.
function toData(name, data, encoding) {
  if (typeof data === 'string') {
    var enc = normEnc(encoding);
    if (enc === 'utf8' || enc === 'buffer') return data;
    return Buffer.from(data, enc);
  }
  if (isView(data)) return data;
  throw codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

// Keys, passwords and salts: a string, an ArrayBuffer or a view, as bytes.
function toBytes(name, value, encoding) {
  if (typeof value === 'string') return Buffer.from(value, normEnc(encoding));
  if (isBytes(value)) return value;
  if (value && typeof value === 'object' && value.type === 'secret' &&
      typeof value.export === 'function') {
    return value.export();
  }
  throw codes.ERR_INVALID_ARG_TYPE(name,
    ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

function encodeOut(buf, encoding) {
  if (encoding === undefined || encoding === 'buffer') return buf;
  return buf.toString(encoding);
}

// ---- LazyTransform ----

function LazyTransform(options) {
  this._options = options;
}
LazyTransform.prototype = Object.create(stream.Transform.prototype);
LazyTransform.prototype.constructor = LazyTransform;

['_readableState', '_writableState'].forEach(function (prop) {
  Object.defineProperty(LazyTransform.prototype, prop, {
    get: function () {
      stream.Transform.call(this, this._options);
      if (this._writableState) this._writableState.decodeStrings = false;
      return this[prop];
    },
    set: function (v) {
      Object.defineProperty(this, prop, {
        value: v, enumerable: true, configurable: true, writable: true
      });
    },
    configurable: true,
    enumerable: true
  });
});

// ---- Hash and Hmac ----

function Hash(algorithm, options) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  var state;
  if (algorithm instanceof Hash) {
    state = binding.hashCopy(algorithm._handle);
    this._alg = algorithm._alg;
  } else {
    errors.validateString(algorithm, 'algorithm');
    var alg = binding.hashAlgorithm(algorithm);
    if (alg < 0) throw new Error('Digest method not supported');
    state = binding.hashNew(alg, undefined);
    this._alg = alg;
  }
  this._handle = state;
  this._finalized = false;
  LazyTransform.call(this, options);
}
Hash.prototype = Object.create(LazyTransform.prototype);
Hash.prototype.constructor = Hash;

Hash.prototype.copy = function copy(options) {
  if (this._finalized) throw codes.ERR_CRYPTO_HASH_FINALIZED();
  return new Hash(this, options);
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  this.push(this.digest());
  callback();
};

Hash.prototype.update = function update(data, encoding) {
  if (this._finalized) throw codes.ERR_CRYPTO_HASH_FINALIZED();
  binding.hashUpdate(this._handle, toData('data', data, encoding));
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  if (this._finalized) throw codes.ERR_CRYPTO_HASH_FINALIZED();
  this._finalized = true;
  return encodeOut(binding.hashDigest(this._handle), outputEncoding);
};

function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  errors.validateString(hmac, 'hmac');
  var encoding = options && options.encoding;
  key = toBytes('key', key, encoding);
  var alg = binding.hashAlgorithm(hmac);
  if (alg < 0) throw codes.ERR_CRYPTO_INVALID_DIGEST(hmac);
  this._alg = alg;
  this._handle = binding.hashNew(alg, key);
  this._finalized = false;
  LazyTransform.call(this, options);
}
Hmac.prototype = Object.create(LazyTransform.prototype);
Hmac.prototype.constructor = Hmac;
Hmac.prototype.update = Hash.prototype.update;
Hmac.prototype._transform = Hash.prototype._transform;
Hmac.prototype._flush = Hash.prototype._flush;

// A second digest() on an Hmac gives an empty result, as in Node.
Hmac.prototype.digest = function digest(outputEncoding) {
  if (this._finalized) return encodeOut(Buffer.alloc(0), outputEncoding);
  this._finalized = true;
  return encodeOut(binding.hashDigest(this._handle), outputEncoding);
};

function createHash(algorithm, options) {
  return new Hash(algorithm, options);
}

function createHmac(hmac, key, options) {
  return new Hmac(hmac, key, options);
}

function hash(algorithm, data, outputEncoding) {
  return createHash(algorithm).update(data).digest(outputEncoding || 'hex');
}

var hashList = (function () {
  var names = binding.hashNames();
  var out = [];
  for (var i = 0; i < names.length; i++) {
    out.push('RSA-' + names[i].toUpperCase(), names[i],
      names[i] + 'WithRSAEncryption');
  }
  return out.sort();
})();

function getHashes() {
  return hashList.slice();
}

// ---- random ----

function validateSize(size, name, max) {
  if (typeof size !== 'number') throw codes.ERR_INVALID_ARG_TYPE(name, 'number', size);
  if (!(size >= 0 && size <= max) || size !== size) {
    throw codes.ERR_OUT_OF_RANGE(name, '>= 0 && <= ' + max, size);
  }
}

function randomBytes(size, callback) {
  validateSize(size, 'size', kMaxLength);
  if (callback !== undefined && typeof callback !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
  var buf = Buffer.allocUnsafe(size);
  if (callback === undefined) {
    checkRandom(binding.randomFill(buf, 0, size));
    return buf;
  }
  binding.randomFillJob(buf, 0, size, callback);
}

function checkRandom(r) {
  if (r !== 0) {
    var e = new Error('randomFill failed (' + r + ')');
    e.errno = r;
    throw e;
  }
}

function fillArgs(buf, offset, size) {
  if (!isBytes(buf)) {
    throw codes.ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }
  var view = buf instanceof ArrayBuffer ? new Uint8Array(buf) : buf;
  var elem = view.BYTES_PER_ELEMENT || 1;
  var len = view.byteLength;
  if (offset === undefined) offset = 0;
  validateSize(offset, 'offset', kMaxUint32);
  offset *= elem;
  if (offset > len) throw codes.ERR_OUT_OF_RANGE('offset', '>= 0 && <= ' + len, offset);
  if (size === undefined) size = len - offset;
  else {
    validateSize(size, 'size', kMaxLength);
    size *= elem;
  }
  if (size + offset > len) {
    throw codes.ERR_OUT_OF_RANGE('size + offset', '<= ' + len, size + offset);
  }
  var bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return [bytes, offset, size];
}

function randomFillSync(buf, offset, size) {
  var a = fillArgs(buf, offset, size);
  checkRandom(binding.randomFill(a[0], a[1], a[2]));
  return buf;
}

function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') {
    callback = offset;
    offset = undefined;
    size = undefined;
  } else if (typeof size === 'function') {
    callback = size;
    size = undefined;
  }
  if (typeof callback !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
  var a = fillArgs(buf, offset, size);
  binding.randomFillJob(a[0], a[1], a[2], function (err) {
    callback(err, buf);
  });
}

var hexBytes = [];
for (var hb = 0; hb < 256; hb++) hexBytes.push((hb < 16 ? '0' : '') + hb.toString(16));

function randomUUID(options) {
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw codes.ERR_INVALID_ARG_TYPE('options', 'object', options);
  }
  var b = Buffer.allocUnsafe(16);
  checkRandom(binding.randomFill(b, 0, 16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  var h = hexBytes;
  return h[b[0]] + h[b[1]] + h[b[2]] + h[b[3]] + '-' + h[b[4]] + h[b[5]] + '-' +
    h[b[6]] + h[b[7]] + '-' + h[b[8]] + h[b[9]] + '-' + h[b[10]] + h[b[11]] +
    h[b[12]] + h[b[13]] + h[b[14]] + h[b[15]];
}

// Web Crypto's getRandomValues: integer typed arrays, at most 65536 bytes.
function getRandomValues(data) {
  if (!isView(data) || data instanceof Float32Array || data instanceof Float64Array ||
      data instanceof DataView) {
    var te = new TypeError('The data argument must be an integer-type TypedArray');
    te.code = 17; // DOMException TYPE_MISMATCH_ERR
    te.name = 'TypeMismatchError';
    throw te;
  }
  if (data.byteLength > 65536) {
    var qe = new Error('The requested length exceeds 65,536 bytes');
    qe.name = 'QuotaExceededError';
    qe.code = 22;
    throw qe;
  }
  checkRandom(binding.randomFill(new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    0, data.byteLength));
  return data;
}

var kRandIntMax = 281474976710655; // 2^48 - 1

function isSafeInt(n) {
  return typeof n === 'number' && n === Math.floor(n) && Math.abs(n) <= 9007199254740991;
}

function randomInt(min, max, callback) {
  var minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  var isSync = typeof callback === 'undefined';
  if (!isSync && typeof callback !== 'function') {
    throw codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
  if (!isSafeInt(min)) throw codes.ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!isSafeInt(max)) throw codes.ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) {
    throw codes.ERR_OUT_OF_RANGE('max', 'greater than the value of "min" (' + min + ')', max);
  }
  var range = max - min;
  if (!(range <= kRandIntMax)) {
    throw codes.ERR_OUT_OF_RANGE('max' + (minNotSpecified ? '' : ' - min'),
      '<= ' + kRandIntMax, range);
  }
  // Rejection sampling on 48-bit values: uniform over [0, range).
  var limit = kRandIntMax + 1 - ((kRandIntMax + 1) % range);
  var b = Buffer.allocUnsafe(6);
  var x;
  do {
    checkRandom(binding.randomFill(b, 0, 6));
    x = b.readUIntBE(0, 6);
  } while (x >= limit);
  var n = min + (x % range);
  if (isSync) return n;
  process.nextTick(callback, undefined, n);
}

function notBytes(name) {
  return errors.makeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name +
    '" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.');
}

function timingSafeEqual(buf1, buf2) {
  // Node words this one without the "Received" part.
  if (!isBytes(buf1)) throw notBytes('buf1');
  if (!isBytes(buf2)) throw notBytes('buf2');
  if (buf1.byteLength !== buf2.byteLength) throw codes.ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH();
  return binding.timingSafeEqual(buf1, buf2);
}

// ---- PBKDF2 ----

function pbkdf2Args(password, salt, iterations, keylen, digest) {
  password = toBytes('password', password);
  salt = toBytes('salt', salt);
  errors.validateInt32(iterations, 'iterations', 1);
  errors.validateInt32(keylen, 'keylen', 0);
  errors.validateString(digest, 'digest');
  var alg = binding.hashAlgorithm(digest);
  if (alg < 0) throw codes.ERR_CRYPTO_INVALID_DIGEST(digest);
  return [password, salt, iterations, keylen, alg];
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  var a = pbkdf2Args(password, salt, iterations, keylen, digest);
  return binding.pbkdf2(a[0], a[1], a[2], a[3], a[4]);
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  errors.validateFunction(callback, 'callback');
  var a = pbkdf2Args(password, salt, iterations, keylen, digest);
  binding.pbkdf2Job(a[0], a[1], a[2], a[3], a[4], function (err, key) {
    if (err) return callback(err);
    callback(null, key);
  });
}

// ---- ciphers ----

// name → [mode (0 GCM, 1 CBC), key length]
var cipherTable = {
  'aes-128-gcm': [0, 16], 'aes-192-gcm': [0, 24], 'aes-256-gcm': [0, 32],
  'id-aes128-gcm': [0, 16], 'id-aes192-gcm': [0, 24], 'id-aes256-gcm': [0, 32],
  'aes-128-cbc': [1, 16], 'aes-192-cbc': [1, 24], 'aes-256-cbc': [1, 32],
  'aes128': [1, 16], 'aes192': [1, 24], 'aes256': [1, 32]
};

function getCiphers() {
  return Object.keys(cipherTable).sort();
}

function opensslError(code, num, reason) {
  var e = new Error('error:' + num + ':Provider routines::' + reason);
  e.library = 'Provider routines';
  e.reason = reason;
  e.code = code;
  return e;
}

function validAuthTagLength(n) {
  return n === 4 || n === 8 || (n >= 12 && n <= 16);
}

function Cipheriv(cipher, key, iv, options, decipher) {
  errors.validateString(cipher, 'cipher');
  var spec = cipherTable[cipher.toLowerCase()];
  key = toBytes('key', key);
  if (iv !== null) iv = toBytes('iv', iv);
  if (!spec) throw codes.ERR_CRYPTO_UNKNOWN_CIPHER();
  if (key.byteLength !== spec[1]) throw codes.ERR_CRYPTO_INVALID_KEYLEN();
  var mode = spec[0];
  if (iv === null || (mode === 1 && iv.byteLength !== 16) ||
      (mode === 0 && iv.byteLength === 0)) {
    throw codes.ERR_CRYPTO_INVALID_IV();
  }
  var tagLength;
  if (options && options.authTagLength !== undefined && mode === 0) {
    tagLength = options.authTagLength;
    if (!validAuthTagLength(tagLength)) throw codes.ERR_CRYPTO_INVALID_AUTH_TAG(tagLength);
  }
  this._mode = mode;
  this._decipher = decipher;
  this._tagLength = tagLength;
  this._handle = binding.cipherNew(mode, !decipher, key, iv, tagLength || 16);
  this._finalized = false;
  this._decoder = null;
  LazyTransform.call(this, options);
}
Cipheriv.prototype = Object.create(LazyTransform.prototype);
Cipheriv.prototype.constructor = Cipheriv;

Cipheriv.prototype._transform = function _transform(chunk, encoding, callback) {
  this.push(this.update(chunk, encoding));
  callback();
};

Cipheriv.prototype._flush = function _flush(callback) {
  try {
    this.push(this.final());
  } catch (e) {
    callback(e);
    return;
  }
  callback();
};

Cipheriv.prototype._out = function _out(buf, outputEncoding, end) {
  if (outputEncoding === undefined || outputEncoding === 'buffer') return buf;
  var enc = normEnc(outputEncoding);
  if (this._decoder === null) this._decoder = new StringDecoder(enc);
  return end ? this._decoder.end(buf) : this._decoder.write(buf);
};

Cipheriv.prototype.update = function update(data, inputEncoding, outputEncoding) {
  if (this._finalized) throw codes.ERR_CRYPTO_INVALID_STATE('update');
  var d = toData('data', data, inputEncoding);
  if (typeof d === 'string') d = Buffer.from(d, 'utf8');
  return this._out(binding.cipherUpdate(this._handle, d), outputEncoding, false);
};

Cipheriv.prototype.final = function final(outputEncoding) {
  if (this._finalized) throw new Error('Unsupported state');
  this._finalized = true;
  var r = binding.cipherFinal(this._handle);
  if (r === -1) {
    throw opensslError('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', '1C80006B',
      'wrong final block length');
  }
  if (r === -2) throw opensslError('ERR_OSSL_BAD_DECRYPT', '1C800064', 'bad decrypt');
  if (r === -3) throw new Error('Unsupported state or unable to authenticate data');
  return this._out(r, outputEncoding, true);
};

Cipheriv.prototype.setAutoPadding = function setAutoPadding(ap) {
  if (this._finalized) throw codes.ERR_CRYPTO_INVALID_STATE('setAutoPadding');
  binding.cipherSetAutoPadding(this._handle, ap !== false);
  return this;
};

Cipheriv.prototype.setAAD = function setAAD(buffer, options) {
  if (!isView(buffer)) {
    throw codes.ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
  if (this._mode !== 0 || binding.cipherSetAAD(this._handle, buffer) !== 0) {
    throw codes.ERR_CRYPTO_INVALID_STATE('setAAD');
  }
  return this;
};

Cipheriv.prototype.getAuthTag = function getAuthTag() {
  if (this._decipher || this._mode !== 0 || !this._finalized) {
    throw codes.ERR_CRYPTO_INVALID_STATE('getAuthTag');
  }
  return binding.cipherGetAuthTag(this._handle);
};

Cipheriv.prototype.setAuthTag = function setAuthTag(tagbuf, encoding) {
  tagbuf = toBytes('buffer', tagbuf, encoding);
  if (!this._decipher || this._mode !== 0 || this._finalized) {
    throw codes.ERR_CRYPTO_INVALID_STATE('setAuthTag');
  }
  var n = tagbuf.byteLength;
  if ((this._tagLength !== undefined && n !== this._tagLength) ||
      !validAuthTagLength(n)) {
    throw codes.ERR_CRYPTO_INVALID_AUTH_TAG(n);
  }
  binding.cipherSetAuthTag(this._handle, tagbuf);
  return this;
};

function Decipheriv(cipher, key, iv, options) {
  if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
  Cipheriv.call(this, cipher, key, iv, options, true);
}
Decipheriv.prototype = Object.create(Cipheriv.prototype);
Decipheriv.prototype.constructor = Decipheriv;

function CipherivPublic(cipher, key, iv, options) {
  if (!(this instanceof CipherivPublic)) return new CipherivPublic(cipher, key, iv, options);
  Cipheriv.call(this, cipher, key, iv, options, false);
}
CipherivPublic.prototype = Cipheriv.prototype;

function createCipheriv(cipher, key, iv, options) {
  return new CipherivPublic(cipher, key, iv, options);
}

function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

module.exports = {
  createHash: createHash,
  createHmac: createHmac,
  hash: hash,
  getHashes: getHashes,
  getCiphers: getCiphers,
  randomBytes: randomBytes,
  pseudoRandomBytes: randomBytes,
  prng: randomBytes,
  rng: randomBytes,
  randomFill: randomFill,
  randomFillSync: randomFillSync,
  randomUUID: randomUUID,
  getRandomValues: getRandomValues,
  webcrypto: { getRandomValues: getRandomValues, randomUUID: randomUUID },
  randomInt: randomInt,
  timingSafeEqual: timingSafeEqual,
  pbkdf2: pbkdf2,
  pbkdf2Sync: pbkdf2Sync,
  createCipheriv: createCipheriv,
  createDecipheriv: createDecipheriv,
  Hash: Hash,
  Hmac: Hmac,
  Cipheriv: CipherivPublic,
  Decipheriv: Decipheriv,
  constants: {}
};
