import { requestTestDatabaseIds } from './testDatabases';

const POSTGRES = 'postgresql://postgres@127.0.0.1:5432';

describe('requestTestDatabaseIds', () => {
  it('runs PostgreSQL next to SQLite when its connection string is set, whatever CI says', () => {
    for (const CI of ['true', 'false', undefined]) {
      expect(
        requestTestDatabaseIds({
          CI,
          BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING: POSTGRES,
        }),
      ).toEqual({
        ids: ['SQLITE_3', 'POSTGRES_15'],
      });
    }
  });

  it('fails a CI run without PostgreSQL', () => {
    expect(() => requestTestDatabaseIds({ CI: 'true' })).toThrow(
      /BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set/,
    );
  });

  it.each([['false'], ['0'], [''], [undefined]])(
    'skips PostgreSQL with a reason when CI is %p',
    CI => {
      const { ids, skipped } = requestTestDatabaseIds({ CI });
      expect(ids).toEqual(['SQLITE_3']);
      expect(skipped).toMatch(
        /^Skipping PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING/,
      );
    },
  );
});
