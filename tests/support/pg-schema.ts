import { randomUUID } from 'node:crypto'
import pg from 'pg'

/**
 * A fresh, empty schema of the PostgreSQL test database (INTAKE_DESK_TEST_DATABASE), as a new
 * hall would be: each test works in one of its own, so tests never see each other's halls and
 * the shared server is never emptied. `drop` removes it with all it holds.
 */
export async function freshSchema(url: string, prefix: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`CREATE SCHEMA ${schema}`)
  return { schema, drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) }
}
