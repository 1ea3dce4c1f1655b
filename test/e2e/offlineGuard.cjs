// Preloaded with NODE_OPTIONS=--require into every Node process of a VS Code server (the sandbox
// e2e test does this): appends one JSON line to $SWITCHBOARD_OFFLINE_GUARD_LOG for each TCP
// connection or DNS lookup aimed at a host that is not this machine, with the process's role
// (`--type=extensionHost` for the extension host). It records only; it blocks nothing.
// Plain CommonJS on purpose: Node preloads it as is, no build step.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, preloaded by Node without a build */
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
/* eslint-enable @typescript-eslint/no-require-imports */

const file = process.env.SWITCHBOARD_OFFLINE_GUARD_LOG;
if (file) {
  const role = process.argv.find((arg) => arg.startsWith('--type=')) || process.argv[1] || 'node';
  const isLocal = (host) => !host || host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '::ffff:127.0.0.1' || host === '0.0.0.0' || host === '::';
  const write = (entry) => {
    try {
      fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, role, ...entry, at: Date.now() })}\n`);
    } catch {
      // The guard must never break the process it watches.
    }
  };
  const record = (kind, host) => {
    if (!isLocal(host)) write({ kind, host: String(host) });
  };
  // Proof the guard runs in this process (a test that finds no connections must know it looked).
  write({ kind: 'loaded' });

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    // net.connect passes its normalized [options, callback] array; tls and http2 pass options.
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (first && typeof first === 'object') {
      if (!first.path) record('connect', first.host || 'localhost');
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
      record('connect', typeof args[1] === 'string' ? args[1] : 'localhost');
    }
    return connect.apply(this, args);
  };

  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(host, ...rest) {
    record('lookup', host);
    return lookup.call(this, host, ...rest);
  };
}
