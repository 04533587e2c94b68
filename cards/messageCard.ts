/**
 * Short cards for the conversation: help, errors, the acknowledgement of a check, and the
 * choice between users when a name matches several.
 */
import { escapeMarkdown } from './escape';
import { formatUtc, plural } from './format';
import { compileTemplate, expandCard, type CardJson } from './template';
import chooseUserTemplate from './templates/chooseUser.json';
import errorTemplate from './templates/error.json';
import helpTemplate from './templates/help.json';
import progressTemplate from './templates/progress.json';

const templates = {
  help: compileTemplate(helpTemplate),
  error: compileTemplate(errorTemplate),
  progress: compileTemplate(progressTemplate),
  chooseUser: compileTemplate(chooseUserTemplate),
};

/** Candidates shown on the choice card; more matches ask the responder to type the UPN. */
export const MAX_USER_CHOICES = 10;

export interface HelpCommand {
  syntax: string;
  description: string;
  examples: string[];
}

export const HELP_COMMANDS: readonly HelpCommand[] = [
  {
    syntax: 'check <user> since <time>',
    description:
      'Reads sign-ins, directory audits, risk detections, apps, consents, authentication ' +
      'methods, inbox rules, sent mail and devices for the user, and offers remediations.',
    examples: [
      'check alex.doe@contoso.com since yesterday 9am',
      'check Alex Doe since 2h ago',
      'check alex.doe@contoso.com since 2026-03-02T08:00Z',
    ],
  },
  {
    syntax: 'pending',
    description: 'Lists remediation requests that are waiting for approval.',
    examples: ['pending'],
  },
  {
    syntax: 'audit <user>',
    description: 'Lists the checks and remediations Firebreak ran for the user.',
    examples: ['audit alex.doe@contoso.com'],
  },
  {
    syntax: 'watch <user> for <length> [every <interval>]',
    description:
      'Rechecks the user every interval (default 30 minutes, at least 5) until the length ' +
      'has passed, and posts only findings that were not there when the watch began.',
    examples: [
      'watch alex.doe@contoso.com for 24h',
      'watch alex.doe@contoso.com for 3 days every 1h',
    ],
  },
  {
    syntax: 'unwatch <user>',
    description: 'Stops the watch of the user in this conversation.',
    examples: ['unwatch alex.doe@contoso.com'],
  },
  { syntax: 'help', description: 'Shows this list.', examples: ['help'] },
  {
    syntax: 'cancel',
    description: 'Stops the question Firebreak is waiting on, such as which user you meant.',
    examples: ['cancel'],
  },
];

/** Builds the help card listing every command with examples. */
export function buildHelpCard(): CardJson {
  return expandCard(templates.help, {
    commands: HELP_COMMANDS.map((command) => ({
      syntax: escapeMarkdown(command.syntax),
      description: escapeMarkdown(command.description),
      examples: command.examples.map((example) => ({ line: escapeMarkdown(example) })),
    })),
  });
}

export interface ErrorCardInput {
  /** The sentence for the chat: what went wrong and what to do next. */
  message: string;
  correlationId: string;
  /** Graph `request-id` of the failing request, which Microsoft support uses to trace it. */
  graphRequestId?: string;
}

/** Builds the card for a failed command: the message and the ids to quote to support. */
export function buildErrorCard(input: ErrorCardInput): CardJson {
  const graphRequestId = input.graphRequestId?.trim() ?? '';
  return expandCard(templates.error, {
    message: escapeMarkdown(input.message.trim() || 'The command failed.'),
    hasGraphRequestId: graphRequestId !== '',
    graphRequestId: escapeMarkdown(`Graph request id: ${graphRequestId}`),
    correlationId: escapeMarkdown(`Correlation id: ${input.correlationId || 'not recorded'}`),
  });
}

export interface ProgressCardInput {
  upn: string;
  /** ISO 8601 start of the window. */
  since: string;
  /** Reading of the responder's time, e.g. "Monday 2 March 09:00 Europe/Berlin". */
  sinceDescription?: string;
  /** What the check is reading now, e.g. "Reading Graph for alex@contoso.com". */
  status?: string;
}

/** Builds the acknowledgement sent while a check runs. */
export function buildProgressCard(input: ProgressCardInput): CardJson {
  const understood = input.sinceDescription?.trim() ?? '';
  return expandCard(templates.progress, {
    headline: escapeMarkdown(`Checking ${input.upn} since ${formatUtc(input.since)}`),
    hasDetail: understood !== '',
    detail: escapeMarkdown(`Understood "since" as ${understood}.`),
    hasStatus: (input.status ?? '').trim() !== '',
    status: escapeMarkdown(input.status?.trim() ?? ''),
  });
}

export interface UserCandidate {
  userId: string;
  displayName: string;
  userPrincipalName: string;
  jobTitle?: string | null;
}

/** Builds the card asking which of several matching users the responder meant. */
export function buildChooseUserCard(query: string, candidates: readonly UserCandidate[]): CardJson {
  const shown = candidates.slice(0, MAX_USER_CHOICES);
  const more = candidates.length - shown.length;
  return expandCard(templates.chooseUser, {
    heading: escapeMarkdown(`"${query}" matches ${plural(candidates.length, 'user')}. Which one?`),
    candidates: shown.map((candidate) => ({
      displayName: escapeMarkdown(candidate.displayName || candidate.userPrincipalName),
      upn: escapeMarkdown(candidate.userPrincipalName),
      jobTitle: escapeMarkdown(candidate.jobTitle?.trim() || 'No job title'),
      // The button sits under the candidate's name and address, so a short title reads on phones.
      buttonTitle: 'Check this user',
      userId: candidate.userId,
    })),
    hasMore: more > 0,
    moreText: escapeMarkdown(
      `and ${plural(more, 'more user')}; type the user principal name to choose one of them`,
    ),
  });
}
