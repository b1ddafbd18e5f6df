import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../core/ports/store';

const root = path.join(__dirname, '..', '..');
const deploy = fs.readFileSync(path.join(root, 'docs', 'deploy.md'), 'utf8');

describe('docs/deploy.md', () => {
  it.each(Object.entries(COLLECTIONS))('lists the collection %s with every index the code queries by', (name, indexes) => {
    const row = deploy.slice(deploy.indexOf('## 3.')).split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
    expect(row).toBeDefined();
    for (const fields of indexes as ReadonlyArray<ReadonlyArray<string>>) expect(row).toContain('`' + fields.join(', ') + '`');
  });

  it.each(fs.readdirSync(path.join(root, 'cloudfunctions'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name))(
    'tells how to deploy the function %s',
    (fn) => {
      expect(deploy).toContain(`| \`${fn}\` |`);
    },
  );
});
