import type { Insertable } from 'kysely';
import type { Executor } from '../../store/executor.js';
import type { Database } from '../../store/schema.js';

/**
 * Multi-row inserts in chunks: one statement per ~1,000 rows keeps PGlite (slow row by row) fast
 * and stays far below PostgreSQL's 65,535 bind parameters per statement.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: { chunkSize?: number; onChunk?: (inserted: number) => void } = {},
): Promise<number> {
  const size = options.chunkSize ?? 1_000;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    // Kysely cannot relate a generic table name to its row type; the signature above does.
    await db
      .insertInto(table)
      .values(chunk as never)
      .execute();
    options.onChunk?.(Math.min(i + size, rows.length));
  }
  return rows.length;
}
