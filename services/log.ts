import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths redacted in every log line. Tokens, passwords and client secrets must never reach a log,
 * whatever object a caller passes in.
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'passwordProfile',
  '*.passwordProfile',
  'secretText',
  '*.secretText',
  '*.*.secretText',
  'clientSecret',
  '*.clientSecret',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  'MicrosoftAppPassword',
  'AZURE_CLIENT_SECRET',
];

export interface LogOptions {
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read the lines back. */
  destination?: pino.DestinationStream;
}

/** Creates the process logger: JSON lines, secrets redacted, errors under `err`. */
export function createLogger(options: LogOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'firebreak' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination ?? pino.destination(1),
  );
}

/** A logger that drops everything, for library use where the caller passes none. */
export const silentLogger: Logger = pino({ level: 'silent' });
