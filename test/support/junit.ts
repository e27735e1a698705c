import { readFileSync } from 'node:fs';

/** The producers' JUnit reports in test/fixtures/junit (the malformed ones aside). */
export const JUNIT_PRODUCER_FIXTURES = [
  'maven-surefire.xml',
  'pytest.xml',
  'jest-junit.xml',
  'vitest.xml',
  'go-junit-report.xml',
  'gradle-junit5.xml',
  'phpunit-nested.xml',
  'lying-counts.xml',
] as const;

/** The text of a JUnit report in test/fixtures/junit. */
export function junitFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/junit/${name}`, import.meta.url), 'utf8');
}
