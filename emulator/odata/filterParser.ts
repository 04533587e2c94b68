import { unsupportedQuery } from '../errors';
import {
  COMPARISON_OPERATORS,
  FUNCTIONS,
  type ComparisonOperator,
  type FilterNode,
  type FunctionCall,
  type LambdaNode,
  type Literal,
  type Operand,
} from './filterAst';
import { tokenize, type Token } from './filterLexer';

/**
 * Recursive-descent parser for the OData `$filter` subset Graph accepts. Precedence from
 * loosest to tightest: `or`, `and`, `not`, comparison, primary.
 */
class FilterParser {
  private position = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterNode {
    if (this.tokens.length === 0) throw this.error('the filter is empty');
    const node = this.parseOr();
    const extra = this.peek();
    if (extra !== undefined) throw this.error(`unexpected ${describe(extra)}`, extra);
    return node;
  }

  private parseOr(): FilterNode {
    let node = this.parseAnd();
    while (this.acceptWord('or')) node = { kind: 'or', left: node, right: this.parseAnd() };
    return node;
  }

  private parseAnd(): FilterNode {
    let node = this.parseUnary();
    while (this.acceptWord('and')) node = { kind: 'and', left: node, right: this.parseUnary() };
    return node;
  }

  private parseUnary(): FilterNode {
    if (this.acceptWord('not')) return { kind: 'not', operand: this.parseUnary() };
    return this.parseComparison();
  }

  private parseComparison(): FilterNode {
    if (this.acceptPunct('(')) {
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    const start = this.peek();
    const left = this.parseOperandOrLambda();
    if (left.kind === 'lambda') return left;
    const next = this.peek();
    if (next?.kind === 'word' && COMPARISON_OPERATORS.includes(next.text.toLowerCase())) {
      this.position += 1;
      const operator = next.text.toLowerCase() as ComparisonOperator;
      return { kind: 'compare', operator, left, right: this.parseOperand() };
    }
    if (next?.kind === 'word' && next.text.toLowerCase() === 'in') {
      this.position += 1;
      return { kind: 'in', left, values: this.parseLiteralList() };
    }
    if (left.kind === 'call') return left;
    throw this.error('expected a comparison operator (eq, ne, gt, ge, lt, le, in)', next ?? start);
  }

  private parseLiteralList(): Literal[] {
    this.expectPunct('(');
    const values: Literal[] = [];
    do {
      const operand = this.parseOperand();
      if (operand.kind !== 'literal') throw this.error("the values after 'in' must be literals");
      values.push(operand);
    } while (this.acceptPunct(','));
    this.expectPunct(')');
    return values;
  }

  private parseOperand(): Operand {
    const operand = this.parseOperandOrLambda();
    if (operand.kind === 'lambda') throw this.error('any() and all() cannot be compared');
    return operand;
  }

  private parseOperandOrLambda(): Operand | LambdaNode {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'literal', type: 'string', value: token.value };
      case 'number':
        return { kind: 'literal', type: 'number', value: token.value };
      case 'datetime':
        return { kind: 'literal', type: 'datetime', value: token.value };
      case 'guid':
        return { kind: 'literal', type: 'guid', value: token.value };
      case 'punct':
        throw this.error(`unexpected ${describe(token)}`, token);
      case 'word':
        return this.parseWord(token.text, token);
    }
  }

  private parseWord(word: string, token: Token): Operand | LambdaNode {
    const lower = word.toLowerCase();
    if (lower === 'true' || lower === 'false') {
      return { kind: 'literal', type: 'boolean', value: lower === 'true' };
    }
    if (lower === 'null') return { kind: 'literal', type: 'null', value: null };
    if (this.peekPunct('(')) return this.parseCall(lower, token);
    const path = [word];
    while (this.acceptPunct('/')) {
      const segment = this.next();
      if (segment.kind !== 'word') throw this.error('expected a property name after /', segment);
      const quantifier = segment.text.toLowerCase();
      if ((quantifier === 'any' || quantifier === 'all') && this.peekPunct('(')) {
        return this.parseLambda(quantifier, path);
      }
      path.push(segment.text);
    }
    return { kind: 'property', path };
  }

  private parseCall(name: string, token: Token): FunctionCall {
    if (!FUNCTIONS.includes(name)) {
      throw this.error(`the function '${name}' is not supported`, token);
    }
    this.expectPunct('(');
    const args: Operand[] = [this.parseOperand()];
    while (this.acceptPunct(',')) args.push(this.parseOperand());
    this.expectPunct(')');
    if (args.length !== 2) throw this.error(`${name}() takes 2 arguments, got ${args.length}`);
    return { kind: 'call', name: name as FunctionCall['name'], args };
  }

  private parseLambda(quantifier: 'any' | 'all', collection: string[]): LambdaNode {
    this.expectPunct('(');
    if (this.acceptPunct(')')) {
      if (quantifier === 'all') throw this.error('all() needs a variable and a predicate');
      return { kind: 'lambda', quantifier, collection };
    }
    const variable = this.next();
    if (variable.kind !== 'word') throw this.error('expected a lambda variable name', variable);
    this.expectPunct(':');
    const predicate = this.parseOr();
    this.expectPunct(')');
    return { kind: 'lambda', quantifier, collection, variable: variable.text, predicate };
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (token === undefined) throw this.error('the filter ends too early');
    this.position += 1;
    return token;
  }

  private peekPunct(text: string): boolean {
    const token = this.peek();
    return token?.kind === 'punct' && token.text === text;
  }

  private acceptPunct(text: string): boolean {
    if (!this.peekPunct(text)) return false;
    this.position += 1;
    return true;
  }

  private expectPunct(text: string): void {
    const token = this.peek();
    if (!this.acceptPunct(text)) {
      throw this.error(`expected '${text}' but found ${describe(token)}`, token);
    }
  }

  private acceptWord(word: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'word' || token.text.toLowerCase() !== word) return false;
    this.position += 1;
    return true;
  }

  private error(problem: string, token?: Token): Error {
    const where = token === undefined ? '' : ` at position ${token.at}`;
    return unsupportedQuery(`Invalid filter clause: ${problem}${where} in '${this.source}'.`);
  }
}

function describe(token: Token | undefined): string {
  if (token === undefined) return 'the end of the filter';
  if (token.kind === 'punct' || token.kind === 'word') return `'${token.text}'`;
  if (token.kind === 'datetime') return `'${token.text}'`;
  return `'${String(token.value)}'`;
}

/** Parses a `$filter` value into a tree; throws a 400 `Request_UnsupportedQuery` if malformed. */
export function parseFilter(filter: string): FilterNode {
  return new FilterParser(filter, tokenize(filter)).parse();
}
