import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * One structured logger for the process. JSON lines by default in production;
 * readable single lines on a terminal. Modules take a child: `logger.child({ module })`.
 */
export function createLogger(config: Pick<Config, 'log'>): Logger {
  const redact = { paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token'], censor: '[redacted]' };
  if (config.log.format === 'pretty') {
    return pino({
      level: config.log.level,
      redact,
      transport: {
        target: 'pino-pretty',
        options: { singleLine: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' },
      },
    });
  }
  return pino({ level: config.log.level, redact });
}
