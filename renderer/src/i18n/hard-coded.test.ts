import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No words reach the screen around i18next: every `.tsx` module of the console is read with the TypeScript
 * compiler and any text a user would read is reported unless it comes from `t()`. Text a user reads: JSX
 * text, string and template literals given to the attributes below or shown as a JSX child (also as a
 * branch of `?:`, `??`, `||` or `&&`). Literals passed to a call (`t('key')`, `cx('class')`) or compared in
 * a condition are not text.
 */

const root = fileURLToPath(new URL('..', import.meta.url));

const WORDED_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt', 'aria-description', 'aria-roledescription', 'label']);

/**
 * Text that is no language: each the same in every script the console is read in. Key names are not here:
 * keyboards name keys in the officer's language ("Échap", "Entrée"), so key caps come from the bundles.
 */
const NOT_WORDS: ReadonlyMap<string, string> = new Map([]);

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

const hasLetters = (text: string) => /\p{L}/u.test(text);

/** The literal text an expression shows, in the places listed above; calls and conditions are skipped. */
function shownLiterals(expression: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression) || ts.isTemplateExpression(expression)) return [expression];
  if (ts.isParenthesizedExpression(expression)) return shownLiterals(expression.expression);
  if (ts.isConditionalExpression(expression)) return [...shownLiterals(expression.whenTrue), ...shownLiterals(expression.whenFalse)];
  if (ts.isBinaryExpression(expression)) {
    const operator = expression.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return shownLiterals(expression.right);
    if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken) {
      return [...shownLiterals(expression.left), ...shownLiterals(expression.right)];
    }
  }
  return [];
}

/** A template's own text, without what it interpolates. */
function literalText(node: ts.Node): string {
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
  return (node as ts.StringLiteral).text;
}

/** Every hard-coded user-facing text in one module's source. */
export function findHardCodedText(file: string, source: string): Finding[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (!hasLetters(trimmed) || NOT_WORDS.has(trimmed)) return;
    findings.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: trimmed });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression !== undefined && !ts.isJsxAttribute(node.parent)) {
      for (const literal of shownLiterals(node.expression)) report(literal, literalText(literal));
    } else if (ts.isJsxAttribute(node) && WORDED_ATTRIBUTES.has(node.name.getText(sourceFile)) && node.initializer !== undefined) {
      const value = node.initializer;
      if (ts.isStringLiteral(value)) report(value, value.text);
      else if (ts.isJsxExpression(value) && value.expression !== undefined) {
        for (const literal of shownLiterals(value.expression)) report(literal, literalText(literal));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

function components(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return components(full);
    return name.endsWith('.tsx') && !name.endsWith('.test.tsx') ? [full] : [];
  });
}

describe('hard-coded text', () => {
  it('given JSX text, a worded attribute or a shown literal with letters, then each is reported with its line', () => {
    const source = [
      'export const A = () => (',
      '  <div title="Close the panel" aria-label={`Row ${n}`} className="panel">',
      '    Hello officer',
      "    {ready ? t('ok') : 'Loading'}",
      "    {name ?? 'nobody'}",
      "    {kind === 'live' && t('live')}",
      "    <img alt={t('map.alt')} />",
      '    {count} · 42',
      '  </div>',
      ');',
    ].join('\n');
    expect(findHardCodedText('snippet.tsx', source).map(({ line, text }) => [line, text])).toEqual([
      [2, 'Close the panel'],
      [2, 'Row'],
      [3, 'Hello officer'],
      [4, 'Loading'],
      [5, 'nobody'],
    ]);
  });

  it('given text from t() only, then nothing is reported', () => {
    const source = "export const B = () => <p title={t('a.b')} aria-label={t(`c.${d}`)}>{t('e')} · {n}</p>;";
    expect(findHardCodedText('snippet.tsx', source)).toEqual([]);
  });

  it("given every component of the console, then none shows text that bypasses i18next", () => {
    const findings = components(root).flatMap((file) => findHardCodedText(path.relative(root, file), readFileSync(file, 'utf8')));
    expect(findings.map(({ file, line, text }) => `${file}:${line} ${text}`)).toEqual([]);
  });
});
