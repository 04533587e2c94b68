export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Literal =
  | { kind: 'literal'; type: 'string'; value: string }
  | { kind: 'literal'; type: 'number'; value: number }
  | { kind: 'literal'; type: 'boolean'; value: boolean }
  | { kind: 'literal'; type: 'null'; value: null }
  | { kind: 'literal'; type: 'datetime'; value: number }
  | { kind: 'literal'; type: 'guid'; value: string };

/** A property path such as `status/errorCode`, or `t/id` inside a lambda over `t`. */
export interface PropertyPath {
  kind: 'property';
  path: string[];
}

export interface FunctionCall {
  kind: 'call';
  name: 'startswith' | 'endswith' | 'contains';
  args: Operand[];
}

export type Operand = Literal | PropertyPath | FunctionCall;

export interface LambdaNode {
  kind: 'lambda';
  quantifier: 'any' | 'all';
  collection: string[];
  variable?: string;
  predicate?: FilterNode;
}

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; operator: ComparisonOperator; left: Operand; right: Operand }
  | { kind: 'in'; left: Operand; values: Literal[] }
  | FunctionCall
  | LambdaNode;

export const COMPARISON_OPERATORS: readonly string[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];
export const FUNCTIONS: readonly string[] = ['startswith', 'endswith', 'contains'];
