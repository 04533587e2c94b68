/**
 * Ordinary activity of everyone in a Contoso tenant: office and home sign-ins for every day
 * of the history, and Alex's everyday sent mail. Seattle is UTC-8 in December, so an office
 * day runs from 16:00 to 01:00 UTC and the evening at home from 02:00 to 06:30 UTC.
 */
import {
  AUTH_BROKER,
  OFFICE_DESKTOP,
  OFFICE_HOME,
  OUTLOOK_MOBILE,
  OUTLOOK_WEB,
  type SignInApp,
  TEAMS,
} from './apps';
import { buildSentMessage, personRecipient, recipient } from './mail';
import {
  ALEX,
  ALEX_HOME,
  ALEXANDRA,
  HOMES,
  laptopOf,
  LENA,
  MORGAN,
  OFFICE,
  OMAR,
  type Person,
  PHONE,
  type Place,
  PRIYA,
  SAM,
  SEAN,
} from './people';
import type { Random } from './random';
import { addMinutes, buildSignIn, type SignInRecord } from './signIns';
import type { MessageRecord } from './mail';

const DAY_MINUTES = 24 * 60;

/** Seattle calendar days from `start` (midnight UTC of the first day) while before `end`. */
function days(start: string, end: string): string[] {
  const result: string[] = [];
  for (let day = start; Date.parse(day) < Date.parse(end); day = addMinutes(day, DAY_MINUTES)) {
    result.push(day);
  }
  return result;
}

function isWeekday(day: string): boolean {
  const weekday = new Date(day).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

export interface RoutineOptions {
  historyStart: string;
  /** No ordinary event is written at or after this time. */
  end: string;
  /** Per user id: ordinary activity stops at this time (e.g. a password reset). */
  stopAt?: Record<string, string>;
}

/** Returns the ordinary sign-ins of `people`, interactive and non-interactive. */
export function routineSignIns(
  random: Random,
  people: readonly Person[],
  options: RoutineOptions,
): SignInRecord[] {
  const rows: SignInRecord[] = [];
  for (const person of people) {
    const homePlace = person === ALEX ? ALEX_HOME : HOMES[person.id];
    const stop = options.stopAt?.[person.id] ?? options.end;
    const push = (
      at: string,
      place: Place,
      app: SignInApp,
      client: string,
      interactive: boolean,
      errorCode = 0,
    ): void => {
      if (Date.parse(at) >= Date.parse(stop)) return;
      const device = place === OFFICE ? laptopOf(person) : PHONE;
      rows.push(
        buildSignIn(random, { person, at, place, app, client, device, interactive, errorCode }),
      );
    };
    const desktop = 'Mobile Apps and Desktop clients';

    for (const day of days(options.historyStart, options.end)) {
      const office = addMinutes(day, 16 * 60 + random.int(0, 40));
      const evening = addMinutes(day, DAY_MINUTES + 2 * 60 + random.int(0, 240));
      if (person === SAM) {
        if (isWeekday(day) && random.next() < 0.5) {
          push(addMinutes(office, random.int(30, 300)), homePlace, TEAMS, desktop, true);
        }
        continue;
      }
      if (isWeekday(day)) {
        if (random.next() < 0.08)
          push(addMinutes(office, -2), OFFICE, OFFICE_HOME, 'Browser', true, 50126);
        push(office, OFFICE, TEAMS, desktop, true);
        push(addMinutes(office, random.int(5, 25)), OFFICE, OFFICE_DESKTOP, desktop, true);
        const refreshes = person === ALEX ? 4 : 1;
        for (let i = 0; i < refreshes; i += 1) {
          push(
            addMinutes(office, random.int(60, 500)),
            OFFICE,
            random.pick([TEAMS, OFFICE_DESKTOP]),
            desktop,
            false,
          );
        }
        if (random.next() < 0.4)
          push(addMinutes(office, random.int(60, 480)), OFFICE, OUTLOOK_WEB, 'Browser', true);
      }
      if (person === ALEX || random.next() < 0.5) {
        push(evening, homePlace, OUTLOOK_MOBILE, desktop, true);
        push(addMinutes(evening, random.int(20, 90)), homePlace, AUTH_BROKER, desktop, false);
      }
    }
  }
  return rows;
}

const COLLEAGUES = [MORGAN, SEAN, OMAR, LENA, PRIYA, ALEXANDRA];
const SUBJECTS = [
  'Re: Q4 pipeline review',
  'Northwind renewal notes',
  'Follow-up: pricing sheet',
  'Re: Contract redlines',
  'Weekly account update',
  'Lunch on Thursday?',
  'Re: Tailspin onboarding call',
];

/** Returns a person's everyday sent mail: two to five mostly internal messages per weekday. */
export function routineMail(
  random: Random,
  person: Person,
  sentItems: string,
  options: RoutineOptions,
): MessageRecord[] {
  const colleagues = [ALEX, ...COLLEAGUES].filter((colleague) => colleague !== person);
  const pickColleague = (): Person => random.pick(colleagues);
  const messages: MessageRecord[] = [];
  for (const day of days(options.historyStart, options.end)) {
    if (!isWeekday(day)) continue;
    const count = random.int(2, 5);
    for (let i = 0; i < count; i += 1) {
      const at = addMinutes(day, 16 * 60 + random.int(20, 520), random.int(0, 59));
      if (Date.parse(at) >= Date.parse(options.end)) continue;
      const to = [personRecipient(pickColleague())];
      if (random.next() < 0.3) to.push(personRecipient(pickColleague()));
      // About once a week someone writes to the Fabrikam partner, an outside address.
      const partner = random.next() < 0.06;
      if (partner) to.splice(0, to.length, recipient('Sam Rivera', SAM.mail));
      const subject = partner ? 'Re: Fabrikam joint proposal' : random.pick(SUBJECTS);
      const text = partner
        ? 'Hi Sam, attaching our comments on section 3.'
        : 'Thanks, notes below.';
      messages.push(buildSentMessage(random, { from: person, at, to, subject, text, sentItems }));
    }
  }
  return messages;
}
