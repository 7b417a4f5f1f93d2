// Runs the sandbox in its own process for the benchmark, as the real fiskaltrust runs elsewhere: in one
// process the server's CPU and the client's would be measured as one. Prints its URL and a started
// CashBox as one JSON line; exits when stdin closes.
import { startSandbox } from '@tillkit/sandbox';

const sandbox = await startSandbox({ port: 0 });
const box = sandbox.control.fiskaltrust.createCashBox({ country: 'AT', started: true });
process.stdout.write(
  `${JSON.stringify({ url: sandbox.url, cashBoxId: box.cashBoxId, accessToken: box.accessToken })}\n`,
);
process.stdin.resume();
process.stdin.on('end', () => void sandbox.close().then(() => process.exit(0)));
