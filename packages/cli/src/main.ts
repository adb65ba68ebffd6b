// Entry point of `pnpm footfall …` (run with tsx).
import { processIo } from './io';
import { runCli } from './runCli';

void runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
