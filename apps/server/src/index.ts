export { main } from './cli.js';
export { createRuntime, type Runtime, type Role } from './runtime.js';
export { loadConfig, type Config } from './platform/config.js';
export { createLogger } from './platform/logger.js';
