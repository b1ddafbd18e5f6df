/**
 * The one settings file of a deployment: the values of the functions' environment variables
 * (register prefix, deadlines, subscribe-message template ids). `deploy/settings.example.json`
 * is committed and lists every variable (empty = the code's default); the real
 * `deploy/settings.json` is git-ignored. Secrets never go here: the CloudBase API key and the
 * upload key come from the environment (docs/deploy.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { VARIABLES } from '../../core/functions/manifest';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SETTINGS_FILE = path.join(ROOT, 'deploy', 'settings.json');
export const SETTINGS_EXAMPLE = path.join(ROOT, 'deploy', 'settings.example.json');

export interface Settings {
  /** The file read, relative to the project. */
  file: string;
  /** True when no deploy/settings.json exists and the example (all defaults) was read. */
  example: boolean;
  /** Variables with a non-empty value. */
  variables: Record<string, string>;
  /** What is wrong with the file: each names the variable and the rule. */
  problems: string[];
}

const FileShape = z
  .object({
    $comment: z.union([z.string(), z.array(z.string())]).optional(),
    variables: z.record(z.string(), z.string()),
  })
  .strict();

const rel = (file: string) => path.relative(process.cwd(), file) || file;

/** Reads and checks a settings file: `file` if given, else deploy/settings.json, else the example. */
export function loadSettings(file?: string): Settings {
  const chosen = file ? path.resolve(file) : fs.existsSync(SETTINGS_FILE) ? SETTINGS_FILE : SETTINGS_EXAMPLE;
  const out: Settings = { file: rel(chosen), example: !file && chosen === SETTINGS_EXAMPLE, variables: {}, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(chosen, 'utf8'));
  } catch (e) {
    out.problems.push(`${out.file}: 无法读取 cannot read: ${(e as Error).message}`);
    return out;
  }
  const parsed = FileShape.safeParse(raw);
  if (!parsed.success) {
    out.problems.push(`${out.file}: 格式不正确 expected {"variables": {"NAME": "value", ...}}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'} ${i.message}`).join('; ')}`);
    return out;
  }
  for (const [name, value] of Object.entries(parsed.data.variables)) {
    const def = VARIABLES[name];
    if (!def) {
      out.problems.push(`${out.file}: 未知变量 unknown variable ${name} (known: ${Object.keys(VARIABLES).join(', ')})`);
      continue;
    }
    const v = value.trim();
    if (v === '') continue;
    if (!def.pattern.test(v)) {
      out.problems.push(`${out.file}: ${name}=${JSON.stringify(value)} 不符合要求 must be ${def.rule}`);
      continue;
    }
    out.variables[name] = v;
  }
  return out;
}

/** The example file's content: every variable, empty. */
export function exampleSettings(): { $comment: string[]; variables: Record<string, string> } {
  return {
    $comment: [
      'Copy to deploy/settings.json (git-ignored) and fill in; an empty value leaves the code default.',
      'No secrets here: the CloudBase API key and the upload key come from the environment (docs/deploy.md).',
    ],
    variables: Object.fromEntries(Object.keys(VARIABLES).map((name) => [name, ''])),
  };
}
