import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';

/**
 * The databases the request tests run on, from the environment: SQLite, and
 * PostgreSQL 15 when its connection string is set. Throws when `CI` is
 * `true` and PostgreSQL is not configured; otherwise `skipped` says why
 * PostgreSQL is left out (a local run).
 */
export function requestTestDatabaseIds(env: NodeJS.ProcessEnv): {
  ids: TestDatabaseId[];
  skipped?: string;
} {
  if (env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING)
    return { ids: ['SQLITE_3', 'POSTGRES_15'] };
  if (env.CI === 'true') {
    throw new Error(
      'CI is true but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: the PostgreSQL tests cannot run',
    );
  }
  return {
    ids: ['SQLITE_3'],
    skipped:
      'Skipping PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432 to run it',
  };
}

/**
 * SQLite always, PostgreSQL 15 when `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING`
 * names one. Without it, a CI run fails (CI must test PostgreSQL) and a
 * local run skips PostgreSQL with a printed reason. Docker is never used.
 */
export function requestTestDatabases(): TestDatabases {
  const { ids, skipped } = requestTestDatabaseIds(process.env);
  if (skipped) {
    // eslint-disable-next-line no-console
    console.warn(skipped);
  }
  return TestDatabases.create({ ids, disableDocker: true });
}
