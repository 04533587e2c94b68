import type { JsonValue } from '../types';
import type { ComparisonOperator, FilterNode, Literal, Operand } from './filterAst';

type Scope = ReadonlyMap<string, JsonValue | undefined>;
type Value = JsonValue | undefined;

/** Follows a property path from an item, or from a lambda variable when the path starts with one. */
function resolvePath(path: string[], item: JsonValue, scope: Scope): Value {
  let current: Value = scope.has(path[0]) ? scope.get(path[0]) : property(item, path[0]);
  for (const segment of path.slice(1)) current = property(current, segment);
  return current;
}

function property(value: Value, name: string): Value {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  return value[name];
}

function operandValue(operand: Operand, item: JsonValue, scope: Scope): Value {
  if (operand.kind === 'literal') return operand.value;
  if (operand.kind === 'property') return resolvePath(operand.path, item, scope);
  return callFunction(operand.name, operand.args, item, scope);
}

function callFunction(
  name: 'startswith' | 'endswith' | 'contains',
  args: Operand[],
  item: JsonValue,
  scope: Scope,
): boolean {
  const [subject, search] = args.map((arg) => operandValue(arg, item, scope));
  if (typeof subject !== 'string' || typeof search !== 'string') return false;
  const text = subject.toLowerCase();
  const part = search.toLowerCase();
  if (name === 'startswith') return text.startsWith(part);
  if (name === 'endswith') return text.endsWith(part);
  return text.includes(part);
}

/** Orders two strings without case, as Graph compares principal names and mail. */
export function compareText(left: string, right: string): number {
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Orders two values the way Graph compares them: strings without case, date-time literals
 * against ISO strings by instant. Returns undefined when the two cannot be ordered.
 */
function compareValues(left: Value, right: Value, dateTime: boolean): number | undefined {
  if (dateTime) {
    const leftTime = typeof left === 'string' ? Date.parse(left) : left;
    const rightTime = typeof right === 'string' ? Date.parse(right) : right;
    if (typeof leftTime !== 'number' || typeof rightTime !== 'number') return undefined;
    if (Number.isNaN(leftTime) || Number.isNaN(rightTime)) return undefined;
    return Math.sign(leftTime - rightTime);
  }
  if (typeof left === 'string' && typeof right === 'string') return compareText(left, right);
  if (typeof left === 'number' && typeof right === 'number') return Math.sign(left - right);
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  return undefined;
}

function isDateTime(operand: Operand): boolean {
  return operand.kind === 'literal' && operand.type === 'datetime';
}

function compare(
  operator: ComparisonOperator,
  left: Operand,
  right: Operand,
  item: JsonValue,
  scope: Scope,
): boolean {
  const leftValue = operandValue(left, item, scope);
  const rightValue = operandValue(right, item, scope);
  const leftMissing = leftValue === null || leftValue === undefined;
  const rightMissing = rightValue === null || rightValue === undefined;
  if (leftMissing || rightMissing) {
    if (operator === 'eq') return leftMissing && rightMissing;
    if (operator === 'ne') return leftMissing !== rightMissing;
    return false;
  }
  const order = compareValues(leftValue, rightValue, isDateTime(left) || isDateTime(right));
  if (order === undefined) return operator === 'ne';
  switch (operator) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

function matchesAny(value: Value, literals: Literal[]): boolean {
  return literals.some((literal) => {
    if (literal.type === 'null') return value === null || value === undefined;
    return compareValues(value, literal.value, literal.type === 'datetime') === 0;
  });
}

/** Evaluates a parsed `$filter` against one item of a collection. */
export function evaluateFilter(
  node: FilterNode,
  item: JsonValue,
  scope: Scope = new Map(),
): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, item, scope) && evaluateFilter(node.right, item, scope);
    case 'or':
      return evaluateFilter(node.left, item, scope) || evaluateFilter(node.right, item, scope);
    case 'not':
      return !evaluateFilter(node.operand, item, scope);
    case 'compare':
      return compare(node.operator, node.left, node.right, item, scope);
    case 'in':
      return matchesAny(operandValue(node.left, item, scope), node.values);
    case 'call':
      return callFunction(node.name, node.args, item, scope);
    case 'lambda': {
      const collection = resolvePath(node.collection, item, scope);
      const elements = Array.isArray(collection) ? collection : [];
      const { variable, predicate } = node;
      if (variable === undefined || predicate === undefined) return elements.length > 0;
      const test = (element: JsonValue): boolean =>
        evaluateFilter(predicate, item, new Map(scope).set(variable, element));
      return node.quantifier === 'any' ? elements.some(test) : elements.every(test);
    }
  }
}

/**
 * Lists the property paths a filter reads from the item itself, leaving out paths that start
 * at a lambda variable, so that callers can check them against what the resource supports.
 */
export function filterProperties(node: FilterNode, variables: string[] = []): string[][] {
  const fromOperand = (operand: Operand): string[][] => {
    if (operand.kind === 'property') {
      return variables.includes(operand.path[0]) ? [] : [operand.path];
    }
    if (operand.kind === 'call') return operand.args.flatMap(fromOperand);
    return [];
  };
  switch (node.kind) {
    case 'and':
    case 'or':
      return [
        ...filterProperties(node.left, variables),
        ...filterProperties(node.right, variables),
      ];
    case 'not':
      return filterProperties(node.operand, variables);
    case 'compare':
      return [...fromOperand(node.left), ...fromOperand(node.right)];
    case 'in':
      return fromOperand(node.left);
    case 'call':
      return node.args.flatMap(fromOperand);
    case 'lambda': {
      const own = variables.includes(node.collection[0]) ? [] : [node.collection];
      if (node.predicate === undefined || node.variable === undefined) return own;
      return [...own, ...filterProperties(node.predicate, [...variables, node.variable])];
    }
  }
}

/** Tells whether a filter uses an operator that Graph treats as an advanced query. */
export function usesAdvancedOperators(node: FilterNode): boolean {
  switch (node.kind) {
    case 'and':
    case 'or':
      return usesAdvancedOperators(node.left) || usesAdvancedOperators(node.right);
    case 'not':
      return true;
    case 'compare':
      return node.operator === 'ne';
    case 'call':
      return node.name === 'endswith';
    case 'lambda':
      return node.predicate !== undefined && usesAdvancedOperators(node.predicate);
    case 'in':
      return false;
  }
}
