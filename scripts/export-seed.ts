/**
 * Writes the directory (townships, studios, representatives, departments) as JSON Lines
 * files for the CloudBase console's import (one document per line), in .data/seed/.
 * Replace the demo representatives with the real ones before importing into production.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEPARTMENTS, REPRESENTATIVES, STUDIOS, TOWNSHIPS } from '../local/demo-data';

const dir = path.join(process.cwd(), '.data', 'seed');
fs.mkdirSync(dir, { recursive: true });
const sets = { townships: TOWNSHIPS, studios: STUDIOS, representatives: REPRESENTATIVES, departments: DEPARTMENTS };
for (const [name, docs] of Object.entries(sets)) {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, docs.map((d) => JSON.stringify({ ...d, _v: 1 })).join('\n') + '\n');
  console.log(`${path.relative(process.cwd(), file)}: ${docs.length} documents`);
}
