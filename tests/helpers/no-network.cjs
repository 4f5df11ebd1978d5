// Preloaded into a build (node --require) to prove it never touches the network: any socket connection or
// DNS lookup is recorded in FABU_NETWORK_LOG and refused. Local IPC (Unix sockets, worker pipes) is allowed.
const fs = require("node:fs");
const net = require("node:net");
const dns = require("node:dns");

const log = (what) => fs.appendFileSync(process.env.FABU_NETWORK_LOG, `${what}\n`);
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  // http passes normalised [options, callback] pairs; net.connect(port, host) passes plain arguments.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === "object" && first !== null ? first : { port: first, host: args[1] };
  if (options.path !== undefined) return originalConnect.apply(this, args);
  log(`connect ${options.host ?? "localhost"}:${options.port}`);
  throw new Error("network access is not allowed during a build");
};
for (const name of ["lookup", "resolve", "resolve4", "resolve6"]) {
  dns[name] = (host) => {
    log(`dns ${name} ${host}`);
    throw new Error("network access is not allowed during a build");
  };
  dns.promises[name] = async (host) => {
    log(`dns ${name} ${host}`);
    throw new Error("network access is not allowed during a build");
  };
}
