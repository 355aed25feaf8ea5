import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** What repositories take first: the database or a transaction owned by the calling use-case. */
export type Executor = Kysely<Database> | Transaction<Database>;
