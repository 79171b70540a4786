import * as fs from 'fs';
import * as path from 'path';
import { DATA_STORES } from './data-stores';
import spec from './cloudformation-types.generated.json';
import { CONTAINER_TYPES, STATEFUL_TYPES } from './stateful-types';

const covered = new Set(DATA_STORES.flatMap((s) => s.types));

describe('the data-store table', () => {
  test('every stateful type of the catalogue has its AWS CLI operations', () => {
    expect(STATEFUL_TYPES.filter((t) => !covered.has(t))).toEqual([]);
    for (const t of CONTAINER_TYPES) expect(covered.has(t)).toBe(true);
  });

  test('every data store with a deletion-protection property has the call that switches it off', () => {
    const protectedStores = Object.keys(spec.deletionProtection).filter((t) => STATEFUL_TYPES.includes(t));
    expect(protectedStores.length).toBeGreaterThan(10);
    for (const type of protectedStores) {
      const store = DATA_STORES.find((s) => s.types.includes(type))!;
      expect({ type, unprotects: store.operations.some((o) => o.effect === 'unprotects') }).toEqual({
        type,
        unprotects: true,
      });
    }
  });

  test('each call appears once, with well-formed names', () => {
    const calls = DATA_STORES.flatMap((s) => s.operations.map((o) => `${o.service} ${o.operation}`));
    expect(new Set(calls).size).toBe(calls.length);
    for (const c of calls) expect(c).toMatch(/^[a-z0-9-]+ [a-z0-9-]+$/);
  });

  test('a conditional call says what its conditions are about', () => {
    for (const o of DATA_STORES.flatMap((s) => s.operations)) {
      if (o.otherwise) expect(o.when?.length).toBeGreaterThan(0);
      for (const c of o.when ?? []) expect('flag' in c ? c.flag : c.option).toMatch(/^--[a-z0-9-]+$/);
    }
  });

  test('the table module imports nothing (the hook loads it on every command)', () => {
    const source = fs.readFileSync(path.join(__dirname, 'data-stores.ts'), 'utf8');
    expect(source).not.toMatch(/^import /m);
  });
});
