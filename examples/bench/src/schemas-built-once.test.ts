// A repository check, kept with the benchmarks it protects: no package builds a zod schema on
// every call. Building one (`z.string().min(1)`) costs more than parsing with it, and the loop
// calls some of these functions on every signal (`describeAction` did, for each action).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { builtSourceFiles } from '../../../scripts/test-support/built-packages';

const root = resolve(import.meta.dirname, '../../..');
/** What every package ships, test helpers left out. */
function sourceFiles(): string[] {
  const packages = join(root, 'packages');
  return readdirSync(packages)
    .map((name) => join(packages, name, 'src'))
    .filter((src) => existsSync(src))
    .flatMap(builtSourceFiles)
    .filter((file) => !file.includes('/test-support/'));
}

/** `z.string(...)`, `z.looseObject(...)`...: a call on the `z` namespace, the root of a chain. */
const isSchemaBuild = (node: ts.Node): boolean =>
  ts.isCallExpression(node) &&
  ts.isPropertyAccessExpression(node.expression) &&
  ts.isIdentifier(node.expression.expression) &&
  node.expression.expression.text === 'z';

const parseMethods = new Set(['parse', 'safeParse', 'parseAsync', 'safeParseAsync']);

/** The call at the root of a chain: `z.string()` of `z.string().min(1)`. */
function chainRoot(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isCallExpression(current) &&
    ts.isPropertyAccessExpression(current.expression) &&
    !isSchemaBuild(current)
  ) {
    current = current.expression.expression;
  }
  return current;
}

const builtHere = (node: ts.Expression | undefined) =>
  node !== undefined && isSchemaBuild(chainRoot(node));

/** A method of an object literal (what a factory returns): it runs on every call. */
const isMethod = (node: ts.Node) =>
  ts.isMethodDeclaration(node) ||
  ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) &&
    ts.isPropertyAssignment(node.parent));

/**
 * Schemas built where they are used on every call, as `file:line` and the code: handed straight
 * to `parseInput`, parsed with at once (`z.string().parse(id)`), or built inside a method.
 */
function schemasBuiltPerCall(file: string, text = readFileSync(file, 'utf8')): string[] {
  if (!text.includes('z.')) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${relative(root, file)}:${line + 1}: ${node.getText().slice(0, 60)}`);
  };
  const visit = (node: ts.Node, inMethod: boolean) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && callee.text === 'parseInput' && builtHere(node.arguments[0])) {
        return report(node);
      }
      if (
        ts.isPropertyAccessExpression(callee) &&
        parseMethods.has(callee.name.text) &&
        builtHere(callee.expression)
      ) {
        return report(node);
      }
      if (inMethod && isSchemaBuild(node)) return report(node);
    }
    const inner = ts.isFunctionLike(node) ? isMethod(node) : inMethod;
    ts.forEachChild(node, (child) => visit(child, inner));
  };
  visit(source, false);
  return found;
}

test('no package builds a zod schema where it parses on every call', () => {
  const found = sourceFiles().flatMap((file) => schemasBuiltPerCall(file));
  expect(found).toEqual([]);
});

test('the check finds a schema built in a method or a per-call function', () => {
  const code = [
    "import { z } from 'zod';",
    'const once = z.string();',
    'const schemaOf = (message: string) => z.string({ message });',
    'export function createThing() {',
    '  const fine = z.number();',
    '  return {',
    '    get: (id: unknown) => z.string().min(1).parse(id),',
    '    find(query: unknown) { const schema = z.object({ q: fine }); return schema.parse(query); },',
    '  };',
    '}',
    "export function lookUp(id: unknown) { return parseInput(z.string().min(1), id, 'id'); }",
  ].join('\n');
  const found = schemasBuiltPerCall(join(root, 'packages/core/src/probe.ts'), code);
  expect(found.map((line) => line.split(': ')[0])).toEqual([
    'packages/core/src/probe.ts:7',
    'packages/core/src/probe.ts:8',
    'packages/core/src/probe.ts:11',
  ]);
});
