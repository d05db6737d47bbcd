// The server half of the benchmark, in its own process so the load generator does not share its
// event loop: database, deterministic data, the app and the bare 'limit' routes.
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.js';
import { createAuthService } from '../src/server/modules/auth/auth.service.js';
import { listSystems, findSystem } from '../src/server/modules/systems/systems.repository.js';
import { systemProtection } from '../src/server/modules/classification/protection.js';
import { seedSystems } from './data.js';
import { openBenchDatabase } from './database.js';

const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? 2000);
const PASSWORD = 'Bench-lösenord-123';

const { database, kind, drop } = await openBenchDatabase();
const auth = createAuthService(database.db);
const { tenantId, userId } = await auth.ensureUser({
  tenantName: 'Benchkommun',
  email: 'bench@bench.example',
  password: PASSWORD,
  role: 'coordinator',
});
const ids = await seedSystems(database.db, tenantId, SYSTEMS);
const app = await buildApp({ database, webRoot: null });
const benchActor = {
  userId,
  tenantId,
  roles: ['coordinator' as const],
  grants: [{ role: 'coordinator' as const, scope: { type: 'tenant' as const } }],
  email: 'bench@bench.example',
  displayName: 'Bench',
};
// The limit: same repository SQL, no session, policy, role switch or presenter.
app.get('/bench/raw/systems', async () =>
  database.db.transaction((tx) => listSystems(tx, benchActor, { limit: 50 }, { key: 'name', desc: false }, null, 50)),
);
// The detail's SQL includes the protection level computed from the system's information (issue 5).
app.get('/bench/raw/systems/:id', async (req) =>
  database.db.transaction(async (tx) => {
    const id = (req.params as { id: string }).id;
    const system = await findSystem(tx, tenantId, id);
    return { ...system, protection: (await systemProtection(tx, tenantId, [id])).get(id) };
  }),
);
await app.listen({ port: 0, host: '127.0.0.1' });
const counted = (await database.db.execute(sql`select count(*)::int n from systems`)) as unknown as { rows: { n: number }[] };
const n = counted.rows[0]?.n ?? 0;
process.send!({ port: (app.server.address() as { port: number }).port, id: ids[Math.floor(ids.length / 2)], kind, systems: n });
process.on('message', async () => {
  await app.close();
  await database.close();
  await drop();
  process.exit(0);
});
