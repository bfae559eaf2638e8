#!/usr/bin/env node
// The `rapport` command: runs the compiled server (npm install builds it).
import '../dist/main.js';
