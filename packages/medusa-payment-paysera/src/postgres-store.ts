// Until @tillkit/checkout exports `./postgres` (NEEDS.md item 1), the store comes from its source file.
export { createPostgresStore } from '../../checkout/src/store/postgres.ts';
