#!/usr/bin/env node
// The `rapport` command. Runs the compiled server (npm install builds it).
import { main } from '../dist/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
