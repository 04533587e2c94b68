/**
 * Sign-ins of the large tenant: a service account hit by a password spray. Each event stream
 * of the large tenant is a generator with its own seeded PRNG, so it yields the same rows
 * whether written to a file or collected in memory, and never keeps more than one row.
 */
import { EXCHANGE_ONLINE, OFFICE_HOME, type SignInApp } from './apps';
import { ATTACKER_BROWSER, NO_DEVICE, type Person, type Place } from './people';
import { createRandom, guidFor } from './random';
import { buildSignIn, type SignInRecord } from './signIns';

export interface LargeTenantOptions {
  signIns: number;
  audits: number;
  ownedApps: number;
  referenceTime: string;
  /** PRNG seed; the same options and seed always give the same tenant. */
  seed?: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export const SERVICE_ACCOUNT: Person = {
  id: guidFor('user:svc-backup'),
  displayName: 'Backup Service Account',
  givenName: 'Backup',
  surname: 'Service',
  userPrincipalName: 'svc-backup@contoso.com',
  mail: 'svc-backup@contoso.com',
  jobTitle: null,
  department: 'IT',
  officeLocation: null,
  mobilePhone: null,
  userType: 'Member',
  createdDateTime: '2023-05-02T18:00:00Z',
};

/** The datacenter the backup job runs in; the only source of the account's usual sign-ins. */
export const DATACENTER: Place = {
  ip: '198.51.100.10',
  city: 'Quincy',
  state: 'Washington',
  countryOrRegion: 'US',
  latitude: 47.2343,
  longitude: -119.8526,
};

/** Sources of the spray's few successful sign-ins. */
export const SPRAY_SUCCESS_PLACES: Place[] = [
  {
    ip: '203.0.113.77',
    city: 'Bucharest',
    state: 'Bucuresti',
    countryOrRegion: 'RO',
    latitude: 44.4268,
    longitude: 26.1025,
  },
  {
    ip: '203.0.113.78',
    city: 'Bucharest',
    state: 'Bucuresti',
    countryOrRegion: 'RO',
    latitude: 44.4268,
    longitude: 26.1025,
  },
  {
    ip: '2001:db8:bad::5',
    city: null,
    state: null,
    countryOrRegion: 'SG',
    latitude: 1.3521,
    longitude: 103.8198,
  },
];

const SPRAY_COUNTRIES = [
  {
    countryOrRegion: 'BR',
    city: 'Sao Paulo',
    state: 'Sao Paulo',
    latitude: -23.55,
    longitude: -46.63,
  },
  { countryOrRegion: 'VN', city: 'Hanoi', state: 'Ha Noi', latitude: 21.03, longitude: 105.85 },
  {
    countryOrRegion: 'IN',
    city: 'Mumbai',
    state: 'Maharashtra',
    latitude: 19.08,
    longitude: 72.88,
  },
  {
    countryOrRegion: 'DE',
    city: 'Frankfurt am Main',
    state: 'Hessen',
    latitude: 50.11,
    longitude: 8.68,
  },
  { countryOrRegion: 'US', city: 'Dallas', state: 'Texas', latitude: 32.78, longitude: -96.8 },
  { countryOrRegion: 'ID', city: 'Jakarta', state: 'Jakarta', latitude: -6.21, longitude: 106.85 },
];

/** Every this many rows of the spray, one succeeds from `SPRAY_SUCCESS_PLACES`. */
const SUCCESS_EVERY = 500;
/** Every this many rows, the backup job itself signs in from the datacenter. */
const ROUTINE_EVERY = 97;

/** Spray source: an address in 198.18.0.0/15, reserved for benchmarks (RFC 2544). */
function sprayPlace(index: number, pick: (n: number) => number): Place {
  const host = (index * 7919) % 131072;
  const region = SPRAY_COUNTRIES[pick(SPRAY_COUNTRIES.length)];
  return { ip: `198.${18 + (host >> 16)}.${(host >> 8) & 255}.${host & 255}`, ...region };
}

/**
 * Yields `signIns` rows in the 24 hours before the reference time, newest first, then one
 * successful sign-in per hour from the datacenter for the 15 days before that, as baseline.
 */
export function* largeSignIns(options: LargeTenantOptions): Generator<SignInRecord> {
  const random = createRandom((options.seed ?? 1) * 31 + 1);
  const end = Date.parse(options.referenceTime);
  const slot = DAY_MS / Math.max(options.signIns, 1);
  const person = SERVICE_ACCOUNT;
  const smtp: SignInApp = EXCHANGE_ONLINE;
  for (let i = 0; i < options.signIns; i += 1) {
    const at = iso(end - (i + 0.1 + random.next() * 0.8) * slot);
    if (i % ROUTINE_EVERY === ROUTINE_EVERY - 1) {
      yield buildSignIn(random, {
        person,
        at,
        place: DATACENTER,
        app: smtp,
        client: 'Authenticated SMTP',
        device: NO_DEVICE,
      });
    } else if (i % SUCCESS_EVERY === SUCCESS_EVERY - 1) {
      const place =
        SPRAY_SUCCESS_PLACES[Math.floor(i / SUCCESS_EVERY) % SPRAY_SUCCESS_PLACES.length];
      const client = random.pick(['Authenticated SMTP', 'IMAP4', 'Browser']);
      const app = client === 'Browser' ? OFFICE_HOME : smtp;
      const device = client === 'Browser' ? ATTACKER_BROWSER : NO_DEVICE;
      yield buildSignIn(random, { person, at, place, app, client, device });
    } else {
      const errorCode = random.next() < 0.12 ? 50053 : 50126;
      const client = random.pick([
        'Browser',
        'Authenticated SMTP',
        'Other clients',
        'Exchange ActiveSync',
      ]);
      yield buildSignIn(random, {
        person,
        at,
        place: sprayPlace(i, (n) => random.int(0, n - 1)),
        app: OFFICE_HOME,
        client,
        device: NO_DEVICE,
        errorCode,
      });
    }
  }
  const baselineEnd = end - DAY_MS;
  for (let hour = 1; hour <= 15 * 24; hour += 1) {
    const at = iso(baselineEnd - hour * HOUR_MS + random.int(0, 300) * 1000);
    yield buildSignIn(random, {
      person,
      at,
      place: DATACENTER,
      app: smtp,
      client: 'Authenticated SMTP',
      device: NO_DEVICE,
    });
  }
}

/** Returns an ISO time rounded to the second, the precision the audit logs show. */
export function iso(time: number): string {
  return new Date(Math.round(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
