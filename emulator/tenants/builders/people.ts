/**
 * The people, places and devices of the Contoso demo tenants. Ids are derived from names with
 * `guidFor`, so they stay the same when events are added. The README lists them.
 */
import { guidFor } from './random';

export const TENANT_ID = guidFor('tenant:contoso');
export const TENANT_DOMAINS = ['contoso.com', 'contoso.onmicrosoft.com'];

export interface Person {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  userType: 'Member' | 'Guest';
  createdDateTime: string;
}

function member(
  key: string,
  displayName: string,
  jobTitle: string,
  department: string,
  createdDateTime: string,
): Person {
  const [givenName, ...rest] = displayName.split(' ');
  return {
    id: guidFor(`user:${key}`),
    displayName,
    givenName,
    surname: rest.join(' '),
    userPrincipalName: `${key}@contoso.com`,
    mail: `${key}@contoso.com`,
    jobTitle,
    department,
    officeLocation: 'Seattle',
    mobilePhone: null,
    userType: 'Member',
    createdDateTime,
  };
}

export const ALEX: Person = {
  ...member('alex.doe', 'Alex Doe', 'Account Manager', 'Sales', '2023-02-06T17:12:44Z'),
  mobilePhone: '+1 2065550142',
};
export const ALEXANDRA = member(
  'alexandra.kim',
  'Alexandra Kim',
  'Financial Analyst',
  'Finance',
  '2024-05-13T16:02:19Z',
);
export const MORGAN = member(
  'morgan.lee',
  'Morgan Lee',
  'Sales Director',
  'Sales',
  '2021-09-20T15:41:03Z',
);
export const RILEY = member(
  'riley.chen',
  'Riley Chen',
  'Security Analyst',
  'Security Operations',
  '2022-11-07T18:25:51Z',
);
export const JORDAN = member(
  'jordan.patel',
  'Jordan Patel',
  'Security Operations Manager',
  'Security Operations',
  '2022-03-14T16:48:09Z',
);
export const PAT = member(
  'pat.quinn',
  'Pat Quinn',
  'Helpdesk Administrator',
  'IT',
  '2021-06-01T15:10:27Z',
);
export const SEAN = member(
  "sean.o'neill",
  "Sean O'Neill",
  'Sales Engineer',
  'Sales',
  '2025-01-21T17:36:58Z',
);
export const PRIYA = member(
  'priya.nair',
  'Priya Nair',
  'Accounts Payable Specialist',
  'Finance',
  '2023-08-28T16:20:40Z',
);
export const OMAR = member(
  'omar.haddad',
  'Omar Haddad',
  'Account Executive',
  'Sales',
  '2024-02-12T17:03:15Z',
);
export const LENA = member(
  'lena.fischer',
  'Lena Fischer',
  'Sales Operations Analyst',
  'Sales',
  '2022-07-18T16:55:32Z',
);

export const SAM: Person = {
  id: guidFor('user:sam_fabrikam.com'),
  displayName: 'Sam Rivera (Fabrikam)',
  givenName: 'Sam',
  surname: 'Rivera',
  userPrincipalName: 'sam_fabrikam.com#EXT#@contoso.onmicrosoft.com',
  mail: 'sam@fabrikam.com',
  jobTitle: null,
  department: null,
  officeLocation: null,
  mobilePhone: null,
  userType: 'Guest',
  createdDateTime: '2025-06-09T20:14:37Z',
};

/** Everyone in the phishing tenant; the campaign tenant has the same people. */
export const PEOPLE: readonly Person[] = [
  ALEX,
  ALEXANDRA,
  MORGAN,
  RILEY,
  JORDAN,
  PAT,
  SEAN,
  SAM,
  PRIYA,
  OMAR,
  LENA,
];

export interface Place {
  ip: string;
  city: string | null;
  state: string | null;
  countryOrRegion: string;
  latitude: number;
  longitude: number;
}

// Addresses come from the ranges reserved for documentation (RFC 5737, RFC 3849).
export const OFFICE: Place = {
  ip: '198.51.100.24',
  city: 'Seattle',
  state: 'Washington',
  countryOrRegion: 'US',
  latitude: 47.6062,
  longitude: -122.3321,
};
export const ALEX_HOME: Place = {
  ip: '192.0.2.77',
  city: 'Bellevue',
  state: 'Washington',
  countryOrRegion: 'US',
  latitude: 47.6101,
  longitude: -122.2015,
};
export const ATTACKER_V4: Place = {
  ip: '203.0.113.45',
  city: 'Amsterdam',
  state: 'Noord-Holland',
  countryOrRegion: 'NL',
  latitude: 52.374,
  longitude: 4.8897,
};
export const ATTACKER_V6: Place = {
  ip: '2001:db8:7a1::1f',
  city: 'Ashburn',
  state: 'Virginia',
  countryOrRegion: 'US',
  latitude: 39.0438,
  longitude: -77.4874,
};

/** Home connections of the other users, by user id. */
export const HOMES: Record<string, Place> = {
  [ALEXANDRA.id]: home('192.0.2.81', 'Redmond', 47.674, -122.1215),
  [MORGAN.id]: home('192.0.2.90', 'Kirkland', 47.6815, -122.2087),
  [RILEY.id]: home('192.0.2.102', 'Seattle', 47.6205, -122.3493),
  [JORDAN.id]: home('192.0.2.115', 'Bothell', 47.7623, -122.2054),
  [PAT.id]: home('192.0.2.121', 'Renton', 47.4829, -122.2171),
  [SEAN.id]: home('192.0.2.133', 'Tacoma', 47.2529, -122.4443),
  [SAM.id]: {
    ip: '198.51.100.160',
    city: 'Portland',
    state: 'Oregon',
    countryOrRegion: 'US',
    latitude: 45.5152,
    longitude: -122.6784,
  },
  [PRIYA.id]: home('192.0.2.140', 'Issaquah', 47.5301, -122.0326),
  [OMAR.id]: home('192.0.2.152', 'Everett', 47.979, -122.2021),
  [LENA.id]: home('192.0.2.166', 'Seattle', 47.6588, -122.3131),
};

function home(ip: string, city: string, latitude: number, longitude: number): Place {
  return { ip, city, state: 'Washington', countryOrRegion: 'US', latitude, longitude };
}

/** The `deviceDetail` of a sign-in. */
export interface DeviceDetail {
  deviceId: string;
  displayName: string;
  operatingSystem: string;
  browser: string;
  isCompliant: boolean;
  isManaged: boolean;
  trustType: string;
}

export function laptopOf(person: Person): DeviceDetail {
  const serial = parseInt(person.id.slice(0, 4), 16) % 9000;
  return {
    deviceId: guidFor(`device:${person.userPrincipalName}:laptop`),
    displayName: `CONTOSO-LT-${String(1000 + serial)}`,
    operatingSystem: 'Windows10',
    browser: 'Edge 131.0.0',
    isCompliant: true,
    isManaged: true,
    trustType: 'Azure AD joined',
  };
}

export const PHONE: DeviceDetail = {
  deviceId: '',
  displayName: '',
  operatingSystem: 'Ios 18.1.1',
  browser: 'Mobile Safari 18.1',
  isCompliant: false,
  isManaged: false,
  trustType: '',
};

export const ATTACKER_BROWSER: DeviceDetail = {
  deviceId: '',
  displayName: '',
  operatingSystem: 'Windows10',
  browser: 'Chrome 131.0.0',
  isCompliant: false,
  isManaged: false,
  trustType: '',
};

/** Legacy protocol clients report no device at all: every field is an empty string. */
export const NO_DEVICE: DeviceDetail = {
  deviceId: '',
  displayName: '',
  operatingSystem: '',
  browser: '',
  isCompliant: false,
  isManaged: false,
  trustType: '',
};
