import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject } from 'ajv';
import type { FaultPlan } from './types';

const RULE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    path: { type: 'string', minLength: 1 },
    method: {
      type: 'string',
      enum: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'get', 'post', 'patch', 'put', 'delete'],
    },
    page: { type: 'integer', minimum: 1 },
    item: { type: 'string', minLength: 1 },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    code: { type: 'string', minLength: 1 },
    message: { type: 'string', minLength: 1 },
    retryAfter: {
      anyOf: [
        { type: 'number', minimum: 0 },
        { type: 'string', pattern: '^\\d+(\\.\\d+)?$' },
      ],
    },
    hang: { type: 'boolean' },
    times: { type: 'integer', minimum: 1 },
  },
} as const;

const PLAN_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    latencyMs: {
      anyOf: [
        { type: 'number', minimum: 0 },
        {
          type: 'array',
          items: { type: 'number', minimum: 0 },
          minItems: 2,
          maxItems: 2,
        },
      ],
    },
    rules: { type: 'array', items: RULE_SCHEMA },
  },
} as const;

const validatePlanShape = new Ajv({ allErrors: false }).compile(PLAN_SCHEMA);

function describeError(error: ErrorObject): string {
  const field = error.instancePath === '' ? 'the plan' : error.instancePath;
  if (error.keyword === 'additionalProperties') {
    const name = String(error.params.additionalProperty);
    return `${field === 'the plan' ? '' : field}/${name} is not a fault plan field; remove or rename it`;
  }
  return `${field} ${error.message ?? 'is invalid'}`;
}

/** Checks a fault plan and throws an error naming the first invalid field. */
export function validateFaultPlan(value: unknown, source = 'the fault plan'): FaultPlan {
  if (!validatePlanShape(value)) {
    const first = validatePlanShape.errors?.[0];
    const detail = first === undefined ? 'it has an invalid shape' : describeError(first);
    throw new Error(`Invalid fault plan in ${source}: ${detail}.`);
  }
  const plan = value as FaultPlan;
  const latency = plan.latencyMs;
  if (Array.isArray(latency) && latency[0] > latency[1]) {
    throw new Error(
      `Invalid fault plan in ${source}: /latencyMs [${latency.join(', ')}] has its minimum ` +
        'above its maximum; write [min, max].',
    );
  }
  (plan.rules ?? []).forEach((rule, index) => {
    if (rule.status === undefined && rule.hang !== true) {
      throw new Error(
        `Invalid fault plan in ${source}: /rules/${index} needs a status or "hang": true.`,
      );
    }
    if (rule.item !== undefined && rule.path !== '$batch') {
      throw new Error(
        `Invalid fault plan in ${source}: /rules/${index}/item is set but path is ` +
          `'${rule.path}'; an item rule needs "path": "$batch".`,
      );
    }
  });
  return plan;
}

/** Reads and validates a fault plan file; the error names the file and the bad field. */
export function loadFaultPlan(path: string): FaultPlan {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot read the fault plan '${path}': ${reason}. Pass a JSON fault plan file.`,
    );
  }
  return validateFaultPlan(parsed, `'${path}'`);
}
