/**
 * Every Cypher statement the app runs lives in cypher/*.cypher and is loaded by name here.
 * A file may hold several statements separated by a line that ends with `;`; `//` comment
 * lines are dropped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config/env';

const CYPHER_DIR = path.join(PROJECT_ROOT, 'cypher');
const cache = new Map<string, string[]>();

function load(name: string): string[] {
  if (!/^[a-z0-9][a-z0-9/_-]*$/i.test(name)) throw new Error(`bad cypher file name: ${name}`);
  let statements = cache.get(name);
  if (!statements) {
    const text = readFileSync(path.join(CYPHER_DIR, `${name}.cypher`), 'utf8');
    statements = text
      .split('\n')
      .filter((line) => !line.trim().startsWith('//'))
      .join('\n')
      .split(/;\s*(?:\n|$)/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    cache.set(name, statements);
  }
  return statements;
}

/** The single statement in cypher/NAME.cypher. */
export function cypher(name: string): string {
  const statements = load(name);
  if (statements.length !== 1) {
    throw new Error(`cypher/${name}.cypher holds ${statements.length} statements, expected 1`);
  }
  return statements[0]!;
}

/** All statements in cypher/NAME.cypher, in order. */
export function cypherStatements(name: string): string[] {
  return load(name);
}
