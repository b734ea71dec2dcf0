// internal/dns/client — lode's own asynchronous DNS client (layer:
// stdlib/, over internalBinding('udp_wrap') and net). dns.resolve*,
// dns.reverse, dns.Resolver and dns.promises.Resolver sit on it.
//
// One query: an RFC 1035 packet (recursion desired) sent over a connected
// UDP socket to the first server; no answer within `timeout` ms moves on
// to the next server, for `tries` rounds over the list (then ETIMEOUT).
// A truncated answer (TC) is asked again over TCP (2-byte length prefix)
// of the same server. ICMP "port unreachable" (ECONNREFUSED on the
// connected socket) also moves on. The answer's rcode becomes Node's
// error codes: NXDOMAIN → ENOTFOUND, SERVFAIL → ESERVFAIL, FORMERR →
// EFORMERR, NOTIMP → ENOTIMP, REFUSED → EREFUSED; no record of the asked
// type → ENODATA; a malformed packet → EBADRESP.
'use strict';

var binding = internalBinding('udp_wrap');
var net = null;

var TYPES = { A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, CAA: 257, ANY: 255 };
var RCODES = { 1: 'EFORMERR', 2: 'ESERVFAIL', 3: 'ENOTFOUND', 4: 'ENOTIMP', 5: 'EREFUSED' };

function dnsError(code, syscall, hostname) {
  var e = new Error(syscall + ' ' + code + (hostname ? ' ' + hostname : ''));
  e.errno = undefined;
  e.code = code;
  e.syscall = syscall;
  if (hostname) e.hostname = hostname;
  return e;
}

// ---- packets ----

function encodeName(name, out) {
  if (name.length > 0 && name.charAt(name.length - 1) === '.') name = name.slice(0, -1);
  var labels = name === '' ? [] : name.split('.');
  for (var i = 0; i < labels.length; i++) {
    var b = Buffer.from(labels[i], 'utf8');
    if (b.length === 0 || b.length > 63) return false;
    out.push(b.length);
    for (var j = 0; j < b.length; j++) out.push(b[j]);
  }
  out.push(0);
  return true;
}

// A query packet, or null when the name cannot be encoded.
function buildQuery(id, name, type) {
  var out = [id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
  if (!encodeName(name, out) || out.length > 512) return null;
  out.push(type >> 8, type & 0xff, 0, 1);
  return Buffer.from(out);
}

function BadResp() {}

// Reads a possibly compressed name at off; returns [name, next offset].
function readName(buf, off) {
  var labels = [];
  var next = -1;
  var jumps = 0;
  for (;;) {
    if (off >= buf.length) throw new BadResp();
    var len = buf[off];
    if ((len & 0xc0) === 0xc0) {
      if (off + 1 >= buf.length || ++jumps > 64) throw new BadResp();
      if (next < 0) next = off + 2;
      off = ((len & 0x3f) << 8) | buf[off + 1];
      continue;
    }
    if (len & 0xc0) throw new BadResp();
    off++;
    if (len === 0) break;
    if (off + len > buf.length) throw new BadResp();
    labels.push(buf.toString('latin1', off, off + len));
    off += len;
  }
  return [labels.join('.'), next < 0 ? off : next];
}

function ipv6String(buf, off) {
  var parts = [];
  var i;
  for (i = 0; i < 8; i++) parts.push((buf[off + 2 * i] << 8) | buf[off + 2 * i + 1]);
  // The longest run of zero groups (two or more) becomes '::'.
  var bestStart = -1, bestLen = 0, curStart = -1, curLen = 0;
  for (i = 0; i < 8; i++) {
    if (parts[i] === 0) {
      if (curStart < 0) { curStart = i; curLen = 0; }
      curLen++;
      if (curLen > bestLen) { bestLen = curLen; bestStart = curStart; }
    } else {
      curStart = -1;
    }
  }
  var hex = parts.map(function (p) { return p.toString(16); });
  if (bestLen < 2) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

// Parses an answer: { id, tc, rcode, answers: [{type, ttl, data}] }.
function parseResponse(buf) {
  if (buf.length < 12) throw new BadResp();
  var r = {
    id: buf.readUInt16BE(0),
    qr: (buf[2] & 0x80) !== 0,
    tc: (buf[2] & 0x02) !== 0,
    rcode: buf[3] & 0x0f,
    answers: []
  };
  var qd = buf.readUInt16BE(4), an = buf.readUInt16BE(6);
  var off = 12, i, n;
  for (i = 0; i < qd; i++) {
    off = readName(buf, off)[1] + 4;
    if (off > buf.length) throw new BadResp();
  }
  if (r.tc) return r;
  for (i = 0; i < an; i++) {
    n = readName(buf, off);
    off = n[1];
    if (off + 10 > buf.length) throw new BadResp();
    var type = buf.readUInt16BE(off);
    var ttl = buf.readUInt32BE(off + 4);
    var rdlen = buf.readUInt16BE(off + 8);
    off += 10;
    if (off + rdlen > buf.length) throw new BadResp();
    r.answers.push({ name: n[0], type: type, ttl: ttl, data: parseRdata(buf, off, rdlen, type) });
    off += rdlen;
  }
  return r;
}

function parseRdata(buf, off, len, type) {
  var end = off + len, n, m, parts;
  switch (type) {
    case 1:
      if (len !== 4) throw new BadResp();
      return buf[off] + '.' + buf[off + 1] + '.' + buf[off + 2] + '.' + buf[off + 3];
    case 28:
      if (len !== 16) throw new BadResp();
      return ipv6String(buf, off);
    case 2: case 5: case 12:
      return readName(buf, off)[0];
    case 15:
      if (len < 3) throw new BadResp();
      return { exchange: readName(buf, off + 2)[0], priority: buf.readUInt16BE(off) };
    case 16:
      parts = [];
      while (off < end) {
        n = buf[off++];
        if (off + n > end) throw new BadResp();
        parts.push(buf.toString('utf8', off, off + n));
        off += n;
      }
      return parts;
    case 33:
      if (len < 7) throw new BadResp();
      return { name: readName(buf, off + 6)[0], port: buf.readUInt16BE(off + 4),
        priority: buf.readUInt16BE(off), weight: buf.readUInt16BE(off + 2) };
    case 6:
      n = readName(buf, off);
      m = readName(buf, n[1]);
      off = m[1];
      if (off + 20 > end) throw new BadResp();
      return { nsname: n[0], hostmaster: m[0], serial: buf.readUInt32BE(off),
        refresh: buf.readInt32BE(off + 4), retry: buf.readInt32BE(off + 8),
        expire: buf.readInt32BE(off + 12), minttl: buf.readUInt32BE(off + 16) };
    case 257:
      if (len < 2) throw new BadResp();
      n = buf[off + 1];
      var o = { critical: buf[off] };
      o[buf.toString('latin1', off + 2, off + 2 + n)] = buf.toString('utf8', off + 2 + n, end);
      return o;
    case 35:
      var order = buf.readUInt16BE(off), pref = buf.readUInt16BE(off + 2);
      off += 4;
      var strs = [];
      for (var k = 0; k < 3; k++) {
        n = buf[off++];
        strs.push(buf.toString('utf8', off, off + n));
        off += n;
      }
      return { flags: strs[0], service: strs[1], regexp: strs[2],
        replacement: readName(buf, off)[0], order: order, preference: pref };
    default:
      return buf.slice(off, end);
  }
}

// ---- servers ----

var ipv4Re = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIP(s) {
  if (net === null) net = require('net');
  return net.isIP(s);
}

// 'ip', 'ip:port', '[ipv6]', '[ipv6]:port' → {address, port, family} or null.
function parseServer(s) {
  var m, addr, port = 53;
  if (typeof s !== 'string') return null;
  if ((m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s)) !== null) {
    addr = m[1];
    if (m[2] !== undefined) port = +m[2];
  } else if ((m = /^([^:]+):(\d+)$/.exec(s)) !== null) {
    addr = m[1];
    port = +m[2];
  } else {
    addr = s;
  }
  var family = isIP(addr);
  if (family === 0) return null;
  return { address: addr, port: port, family: family };
}

function formatServer(sv) {
  if (sv.port === 53) return sv.address;
  return sv.family === 6 ? '[' + sv.address + ']:' + sv.port : sv.address + ':' + sv.port;
}

var systemServers = null;
// From resolv.conf's "options timeout:N attempts:N" (seconds, count).
var systemTimeout = 5000;
var systemTries = 4;

function readSystemServers() {
  if (systemServers !== null) return systemServers.slice();
  systemServers = [];
  var text = '';
  try { text = require('fs').readFileSync('/etc/resolv.conf', 'latin1'); } catch (e) { text = ''; }
  text.split('\n').forEach(function (line) {
    var m = /^\s*nameserver\s+(\S+)/.exec(line);
    var o = /^\s*options\s+(.*)$/.exec(line);
    if (o) {
      o[1].split(/\s+/).forEach(function (opt) {
        var kv = opt.split(':');
        var v = parseInt(kv[1], 10);
        if (kv[0] === 'timeout' && v > 0) systemTimeout = v * 1000;
        else if (kv[0] === 'attempts' && v > 0) systemTries = v;
      });
    }
    if (m) {
      var sv = parseServer(m[1].indexOf(':') !== -1 && m[1].indexOf('.') === -1 ? '[' + m[1] + ']' : m[1]);
      if (sv) systemServers.push(sv);
    }
  });
  if (systemServers.length === 0) systemServers.push({ address: '127.0.0.1', port: 53, family: 4 });
  return systemServers.slice();
}

// ---- the channel: one per Resolver ----

function Channel(options) {
  this.servers = readSystemServers();
  this.timeout = systemTimeout;
  this.tries = systemTries;
  if (options && typeof options.timeout === 'number' && options.timeout >= 0) this.timeout = options.timeout;
  if (options && typeof options.tries === 'number' && options.tries >= 1) this.tries = options.tries;
  this.pending = [];
}

Channel.prototype.cancel = function () {
  var list = this.pending;
  this.pending = [];
  list.forEach(function (q) { q.finish('ECANCELLED'); });
};

// Queries name for rrtype (a TYPES key); cb(errCode | null, answers).
Channel.prototype.query = function (name, rrtype, cb) {
  var q = new Query(this, name, TYPES[rrtype], cb);
  this.pending.push(q);
  q.start();
  return q;
};

function Query(channel, name, type, cb) {
  this.channel = channel;
  this.name = name;
  this.type = type;
  this.cb = cb;
  this.servers = channel.servers.slice();
  this.attempt = 0;
  this.done = false;
  this.handle = null;
  this.timer = null;
  this.socket = null;
  this.lastError = 'ETIMEOUT';
}

Query.prototype.start = function () {
  var self = this;
  if (this.servers.length === 0) {
    process.nextTick(function () { self.finish('ECONNREFUSED'); });
    return;
  }
  this.id = (Math.random() * 65536) | 0;
  this.packet = buildQuery(this.id, this.name, this.type);
  if (this.packet === null) {
    process.nextTick(function () { self.finish('EBADNAME'); });
    return;
  }
  this.next();
};

Query.prototype.cleanup = function () {
  if (this.timer !== null) { clearTimeout(this.timer); this.timer = null; }
  if (this.handle !== null) { this.handle.close(); this.handle = null; }
  if (this.socket !== null) { this.socket.destroy(); this.socket = null; }
};

Query.prototype.finish = function (err, answers) {
  if (this.done) return;
  this.done = true;
  this.cleanup();
  var i = this.channel.pending.indexOf(this);
  if (i !== -1) this.channel.pending.splice(i, 1);
  this.cb(err || null, answers);
};

// Sends the query to the next server (over UDP), or ends with the last
// error when every try of every server is used.
Query.prototype.next = function () {
  var self = this;
  this.cleanup();
  if (this.done) return;
  if (this.attempt >= this.servers.length * this.channel.tries) {
    this.finish(this.lastError);
    return;
  }
  var sv = this.servers[this.attempt % this.servers.length];
  this.attempt++;
  var h;
  try {
    h = new binding.UDP(sv.family);
  } catch (e) {
    this.lastError = 'ECONNREFUSED';
    process.nextTick(function () { self.next(); });
    return;
  }
  this.handle = h;
  var r = sv.family === 6 ? h.connect6(sv.address, sv.port) : h.connect(sv.address, sv.port);
  if (r === 0) r = h.recvStart();
  if (r !== 0) {
    this.lastError = 'ECONNREFUSED';
    process.nextTick(function () { self.next(); });
    return;
  }
  h.onmessage = function (nread, buffer) {
    if (self.handle !== h) return;
    if (nread < 0) {
      self.lastError = 'ECONNREFUSED';
      self.next();
      return;
    }
    self.onAnswer(buffer, sv, false);
  };
  h.send({ oncomplete: function (status) {
    if (status < 0 && self.handle === h) {
      self.lastError = 'ECONNREFUSED';
      self.next();
    }
  } }, [this.packet]);
  // c-ares doubles the timeout each round over the servers.
  var round = Math.floor((this.attempt - 1) / this.servers.length);
  this.timer = setTimeout(function () {
    self.timer = null;
    self.lastError = 'ETIMEOUT';
    self.next();
  }, this.channel.timeout * Math.pow(2, round));
};

Query.prototype.onAnswer = function (buffer, sv, overTcp) {
  var r;
  try {
    r = parseResponse(buffer);
  } catch (e) {
    if (!(e instanceof BadResp)) throw e;
    this.finish('EBADRESP');
    return;
  }
  if (r.id !== this.id || !r.qr) {
    if (overTcp) this.finish('EBADRESP');
    return; // not ours: keep waiting
  }
  if (r.tc && !overTcp) {
    this.overTcp(sv);
    return;
  }
  if (r.rcode !== 0) {
    if (r.rcode === 2 || r.rcode === 4 || r.rcode === 5) {
      // c-ares tries the other servers before giving up on these.
      this.lastError = RCODES[r.rcode];
      if (this.attempt < this.servers.length) { this.next(); return; }
    }
    this.finish(RCODES[r.rcode] || 'EBADRESP');
    return;
  }
  this.finish(null, r.answers);
};

Query.prototype.overTcp = function (sv) {
  var self = this;
  if (net === null) net = require('net');
  this.cleanup();
  var chunks = [], total = 0;
  var sock = net.connect({ host: sv.address, port: sv.port });
  this.socket = sock;
  var len = Buffer.alloc(2);
  len.writeUInt16BE(this.packet.length, 0);
  sock.write(Buffer.concat([len, this.packet]));
  sock.on('data', function (d) {
    chunks.push(d);
    total += d.length;
    var all = Buffer.concat(chunks, total);
    if (all.length >= 2 && all.length >= 2 + all.readUInt16BE(0)) {
      self.socket = null;
      sock.destroy();
      self.onAnswer(all.slice(2, 2 + all.readUInt16BE(0)), sv, true);
    }
  });
  sock.on('error', function (e) {
    if (self.socket !== sock) return;
    self.socket = null;
    self.lastError = e.code === 'ECONNREFUSED' ? 'ECONNREFUSED' : 'EBADRESP';
    self.next();
  });
  sock.on('end', function () {
    if (self.socket !== sock) return;
    self.socket = null;
    self.finish('EBADRESP');
  });
  this.timer = setTimeout(function () {
    self.timer = null;
    self.lastError = 'ETIMEOUT';
    self.next();
  }, this.channel.timeout || 5000);
};

module.exports = {
  TYPES: TYPES,
  Channel: Channel,
  dnsError: dnsError,
  parseServer: parseServer,
  formatServer: formatServer
};
