/** Structured logging (pino, JSON lines to stderr so stdout stays clean for command output). */
import pino from 'pino';

export const log = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: { app: 'chiiki-jinjibu' } },
  pino.destination({ fd: 2, sync: true }),
);
