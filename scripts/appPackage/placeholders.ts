/**
 * Fills `${{NAME}}` placeholders, the Microsoft 365 Agents Toolkit's syntax, inside the string
 * values of a parsed manifest. Replacing in parsed JSON rather than in the file's text means a
 * value with quotes or backslashes can never change the manifest's structure.
 */
import { checkSettings, type Settings } from './settings';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Lists the placeholder names used anywhere in `template`, each once, in order of appearance. */
export function findPlaceholders(template: Json): string[] {
  const names = new Set<string>();
  visitStrings(template, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1]);
  });
  return [...names];
}

/**
 * Returns a copy of `template` with every placeholder replaced by its setting. Raises a
 * PackageSettingError naming every placeholder whose setting is missing or malformed.
 */
export function fillPlaceholders(template: Json, settings: Settings): Json {
  checkSettings(findPlaceholders(template), settings);
  return mapStrings(template, (text) =>
    text.replace(PLACEHOLDER, (_placeholder, name: string) => settings[name] ?? ''),
  );
}

/** Parses manifest JSON text, naming the file when the text is not JSON. */
export function parseManifestTemplate(text: string, file: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${file} is not valid JSON (${reason}); fix the file and run again.`);
  }
}

function visitStrings(value: Json, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((item) => visitStrings(item, visit));
  else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((item) => visitStrings(item, visit));
  }
}

function mapStrings(value: Json, map: (text: string) => string): Json {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]),
    );
  }
  return value;
}
