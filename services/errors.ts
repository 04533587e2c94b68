/**
 * Every error Firebreak raises, with a stable code. Each carries a message for the log (with the
 * failing value and ids) and a separate sentence for the chat that tells the user what to do.
 */

export type ErrorCode =
  | 'config.invalid'
  | 'input.user-invalid'
  | 'input.user-not-found'
  | 'input.user-ambiguous'
  | 'input.time-invalid'
  | 'input.time-future'
  | 'input.time-too-old'
  | 'input.tenant-file'
  | 'input.command-invalid'
  | 'graph.failed'
  | 'graph.timeout'
  | 'internal';

export interface ErrorDetails {
  /** Graph HTTP status, when the error came from Graph. */
  status?: number;
  /** Graph error code, e.g. Authorization_RequestDenied. */
  graphCode?: string;
  /** Graph `request-id`, which Microsoft support uses to trace a request. */
  requestId?: string;
  [key: string]: unknown;
}

export class FirebreakError extends Error {
  readonly code: ErrorCode;
  /** Sentence for the chat or CLI user: what went wrong and what to do next. */
  readonly userMessage: string;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, logMessage: string, userMessage: string, details: ErrorDetails = {}) {
    super(logMessage);
    this.name = 'FirebreakError';
    this.code = code;
    this.userMessage = userMessage;
    this.details = details;
  }

  /** True for mistakes in what the user typed, which the CLI reports with exit status 2. */
  get isInputError(): boolean {
    return this.code.startsWith('input.');
  }
}

/** Wraps anything thrown into a FirebreakError, keeping a FirebreakError as it is. */
export function toFirebreakError(error: unknown): FirebreakError {
  if (error instanceof FirebreakError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FirebreakError(
    'internal',
    message,
    'Something went wrong inside Firebreak. Try again; if it persists, give the correlation id to whoever runs the bot.',
  );
}
