// The local backend's S3 server: s3rver on 127.0.0.1 at a port the OS picks, storing under the
// directory given as the first argument. Prints "listening PORT" once it accepts requests and
// stops on SIGTERM or SIGINT. Started and stopped by the real-runner (real-runners/local/S3Server.cpp).
'use strict';
const S3rver = require('s3rver');

const directory = process.argv[2];
if (!directory) {
  console.error('usage: node s3rver.js DATA_DIR');
  process.exit(2);
}
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
server.run().then((address) => {
  process.stdout.write(`listening ${address.port}\n`);
}).catch((err) => {
  console.error(`s3rver: ${err.message}`);
  process.exit(1);
});
const stop = () => server.close().then(() => process.exit(0), () => process.exit(1));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
