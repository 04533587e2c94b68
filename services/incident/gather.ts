/**
 * One check that keeps the Graph data it read along with the report, because the timeline and
 * the campaign scope need the raw sign-ins, audits and mail.
 */
import {
  investigateWithData,
  type GatheredInvestigation,
} from '../investigation/investigate';

export type GatheredIncident = GatheredInvestigation;

export const gatherIncident = investigateWithData;
