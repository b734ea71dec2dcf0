// crypto: digests and HMACs (known answers, compared with node's output)
'use strict';
var c = require('crypto');
var inputs = ['', 'abc', 'The quick brown fox jumps over the lazy dog', new Array(1000).join('x'), '\u00e9\u4e2d\ud83d\ude00'];
['md5','sha1','sha224','sha256','sha384','sha512','SHA256','RSA-SHA1','sha256WithRSAEncryption'].forEach(function (a) {
  inputs.forEach(function (s) {
    console.log(a, c.createHash(a).update(s).digest('hex'));
    console.log(a, c.createHmac(a, 'key').update(s).digest('base64'));
  });
  console.log(c.createHmac(a, Buffer.alloc(200, 7)).update('x').digest('base64url'));
  console.log(c.createHash(a).update('abcd', 'hex').update(Buffer.from([1,2,3])).update('ff00', 'hex').digest('latin1').length);
});
var h = c.createHash('sha256').update('a');
var h2 = h.copy();
h2.update('b');
console.log(h.digest('hex'), h2.digest('hex'));
console.log(c.createHash('md5').update(new Uint16Array([1,2,3])).digest().toString('hex'));
console.log(c.pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex'));
console.log(c.pbkdf2Sync('password', 'salt', 4096, 32, 'sha256').toString('hex'));
console.log(c.pbkdf2Sync('pass', 'salt', 3, 100, 'sha512').toString('hex'));
console.log(c.pbkdf2Sync('pass', 'salt', 3, 0, 'md5').toString('hex'));
c.pbkdf2('password', 'salt', 1000, 64, 'sha384', function (err, key) { console.log('async', err, key.toString('hex')); });
console.log(c.getHashes().indexOf('sha256') >= 0, c.getHashes().indexOf('md5') >= 0);
var hs = c.createHash('sha1');
hs.on('readable', function () { var d = hs.read(); if (d) console.log('stream', d.toString('hex')); });
hs.write('hello'); hs.end(' world');
console.log(c.hash ? 'x' : 'x');
