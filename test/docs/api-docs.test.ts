import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS } from '../../core/app';

const api = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'api.md'), 'utf8');

describe('docs/api.md', () => {
  const actions = Object.entries(FUNCTIONS).flatMap(([fn, def]) => Object.keys(def).map((a) => [fn, a] as const));

  it.each(Object.keys(FUNCTIONS))('has a section for the function %s', (fn) => {
    expect(api).toContain(`## \`${fn}\``);
  });

  it.each(actions)('documents %s.%s with an example request', (fn, action) => {
    const section = api.slice(api.indexOf(`## \`${fn}\``)).split(/\n## `/)[0];
    expect(section).toContain(`"action": "${action}"`);
  });
});
