/**
 * The directory a first deploy imports: townships, studios, representatives, departments.
 * Read from a folder of JSON Lines files as `npm run export:seed` writes them
 * (`<collection>.json`, one document per line), or the built-in demo directory (made-up
 * representatives: for a trial environment only). Every document is checked before anything
 * is written: ids, the fields the code queries by, and references between the collections.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { STUDIO_KINDS } from '../../core/directory/types';
import type { NewDoc, StoredDoc } from '../../core/ports/store';
import { DEPARTMENTS, REPRESENTATIVES, STUDIOS, TOWNSHIPS } from '../../local/demo-data';
import { DIRECTORY_COLLECTIONS } from './compare';
import { ROOT } from './settings';

/** Where a deploy looks for the directory unless told otherwise (git-ignored: it holds phone numbers). */
export const DIRECTORY_DIR = path.join(ROOT, 'deploy', 'directory');

export type DirectoryName = (typeof DIRECTORY_COLLECTIONS)[number];

export interface Directory {
  /** Where it came from, for the log. */
  source: string;
  docs: Record<DirectoryName, NewDoc<StoredDoc>[]>;
  problems: string[];
}

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'an id is 1–64 letters, digits, _ or -' });
const text = z.string().trim().min(1);
const SCHEMAS: Record<DirectoryName, z.ZodType<Record<string, unknown>>> = {
  townships: z.looseObject({ _id: id, name: text, kind: z.enum(['street', 'town', 'township']), order: z.number() }),
  studios: z.looseObject({ _id: id, name: text, kind: z.enum(STUDIO_KINDS), townshipId: id, order: z.number() }),
  representatives: z.looseObject({ _id: id, name: text, studioId: id }),
  departments: z.looseObject({ _id: id, name: text }),
};

/** Checks the documents of each collection and the references between them. */
export function checkDirectory(source: string, raw: Record<DirectoryName, unknown[]>): Directory {
  const problems: string[] = [];
  const docs = {} as Record<DirectoryName, NewDoc<StoredDoc>[]>;
  for (const name of DIRECTORY_COLLECTIONS) {
    docs[name] = [];
    const seen = new Set<string>();
    raw[name].forEach((value, i) => {
      const parsed = SCHEMAS[name].safeParse(value);
      if (!parsed.success) {
        problems.push(`${source} ${name} #${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || '(document)'} ${x.message}`).join('; ')}`);
        return;
      }
      // `_v` belongs to the store: export:seed writes it, the import leaves it to `create`.
      const { _v: _ignored, ...doc } = parsed.data as { _id: string; _v?: unknown };
      if (seen.has(doc._id)) problems.push(`${source} ${name}: _id ${doc._id} appears twice`);
      seen.add(doc._id);
      docs[name].push(doc);
    });
    if (raw[name].length === 0) problems.push(`${source} ${name}: no documents`);
  }
  const ids = (name: DirectoryName) => new Set(docs[name].map((d) => d._id));
  const townships = ids('townships');
  const studios = ids('studios');
  for (const s of docs.studios as Array<{ _id: string; townshipId?: string }>) {
    if (s.townshipId && !townships.has(s.townshipId)) problems.push(`${source} studios ${s._id}: townshipId ${s.townshipId} is not in townships`);
  }
  for (const r of docs.representatives as Array<{ _id: string; studioId?: string }>) {
    if (r.studioId && !studios.has(r.studioId)) problems.push(`${source} representatives ${r._id}: studioId ${r.studioId} is not in studios`);
  }
  return { source, docs, problems };
}

/** Reads `<folder>/<collection>.json` (JSON Lines). */
export function readDirectory(folder: string): Directory {
  const source = path.relative(process.cwd(), folder) || folder;
  const raw = {} as Record<DirectoryName, unknown[]>;
  const problems: string[] = [];
  const missing = new Set<string>();
  for (const name of DIRECTORY_COLLECTIONS) {
    raw[name] = [];
    const file = path.join(folder, `${name}.json`);
    if (!fs.existsSync(file)) {
      problems.push(`${source}/${name}.json is missing (npm run export:seed writes all four)`);
      missing.add(`${source} ${name}: no documents`);
      continue;
    }
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        try {
          raw[name].push(JSON.parse(line));
        } catch {
          problems.push(`${source}/${name}.json line ${i + 1}: not JSON`);
        }
      });
  }
  const checked = checkDirectory(source, raw);
  return { ...checked, problems: [...problems, ...checked.problems.filter((p) => !missing.has(p))] };
}

/** The built-in demo directory of local/demo-data.ts. */
export function demoDirectory(): Directory {
  return checkDirectory('demo directory (local/demo-data.ts, made-up representatives)', {
    townships: TOWNSHIPS,
    studios: STUDIOS,
    representatives: REPRESENTATIVES,
    departments: DEPARTMENTS,
  });
}
