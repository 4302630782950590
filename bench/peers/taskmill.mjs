// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: Taskmill developers
//
// Taskmill adapter for the peer harness (../shared/bench-peers, see its README "Adding Taskmill as a
// column" and systems/_template.mjs). Loaded through BENCH_ADAPTERS; bench/peers/run.sh does all of it.
//
// What runs: our own taskmilld processes against the harness' servers, at the harness' durability
// (PostgreSQL fsync=on, synchronous_commit=on; Redis as servers.sh starts it):
//   - one `taskmilld --role api,scheduler` for the whole run, database `peerbench_taskmill` (dropped and
//     re-created by open()), Redis db 0 with its own stream prefix;
//   - one `taskmilld --role executor --workers C` per startWorker(), stopped (SIGTERM to its PID) by stop().
// Producer: Node's fetch (keep-alive) to POST /api/v1/tasks and /api/v1/tasks/batch; a job is accepted on 201,
// i.e. once its row is committed in PostgreSQL.
// Start/ack: read back from PostgreSQL, not observed in-process: started_at is set by the claim UPDATE just
// before the handler runs, completed_at by the UPDATE that records the result (its commit follows within that
// statement). A poller reads newly COMPLETED rows of the queue every --taskmill-poll-ms (50) and passes both
// timestamps to the hooks, so the polling interval does not enter any figure.
// Queues: a queue is a title tag; only one is live at a time in the harness, so dropQueue() empties the
// tasks table and our streams.
// Flags: --taskmill-bin PATH (default ../../build-bench/backend/taskmilld relative to this file, or
// $TASKMILLD_BIN), --taskmill-set k=v[,k=v] (executor config, e.g. executor.fairness_every=1000),
// --taskmill-poll-ms N.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Our file lives outside the harness: its packages and helpers are resolved from the harness' folder
// (bench.mjs is argv[1]).
const harness = dirname(resolve(process.argv[1]));
const requireHarness = createRequire(join(harness, 'package.json'));
const pg = requireHarness('pg');
const Redis = requireHarness('ioredis');
const { now, sleep } = await import(pathToFileURL(join(harness, 'lib/util.mjs')).href);
const { dbUrl, recreateDatabase } = await import(pathToFileURL(join(harness, 'lib/pg.mjs')).href);

const here = dirname(fileURLToPath(import.meta.url));
const LEVELS = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };
const children = new Set();
process.on('exit', () => {
  for (const c of children) c.kill('SIGTERM'); // by PID; only processes we started
});

// Starts taskmilld and resolves with its announced URL ('' for a process without the api role).
function startTaskmilld(bin, args, logFile) {
  return new Promise((resolveStart, reject) => {
    const log = openSync(logFile, 'a');
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', log] });
    children.add(child);
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`taskmilld ${args.join(' ')} not ready within 60 s; see ${logFile}`));
    }, 60000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /taskmilld: (?:listening on (\S+)|ready)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveStart({ child, url: m[1] ?? '' });
      }
    });
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`taskmilld exited with ${code} during start-up; see ${logFile}`));
    });
  });
}

async function stopTaskmilld(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM'); // graceful: the executor records what is running, then exits
  const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text(); // read to the end so the connection is reused
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${text.slice(0, 200)}`);
}

// One adapter per durability level (docs/semantics.md): 'taskmill' acknowledges a create once PostgreSQL
// committed it (the default, `durable`); 'taskmill-fast' once Redis holds the entry (`fast`). Each has its
// own database and stream prefix.
function make(fast) {
  const DB = fast ? 'peerbench_taskmill_fast' : 'peerbench_taskmill';
  const PREFIX = fast ? 'peerbench-taskmill-fast' : 'peerbench-taskmill';
  const durability = fast ? { durability: 'fast' } : {};
  return {
  name: fast ? 'taskmill-fast' : 'taskmill',
  backend: 'postgres+redis',
  async open({ redisUrl, pgUrl, args, log }) {
    const bin = resolve(String(args['taskmill-bin'] ?? process.env.TASKMILLD_BIN ?? join(here, '../../build-bench/backend/taskmilld')));
    const executorSet = String(args['taskmill-set'] ?? '').split(',').filter(Boolean);
    const pollMs = Number(args['taskmill-poll-ms'] ?? 50);
    const version = spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (!version) throw new Error(`cannot run ${bin} (build it: bench/run.sh, or pass --taskmill-bin)`);

    await recreateDatabase(pgUrl, DB);
    const pgU = new URL(pgUrl);
    const ourPg = `postgresql://${pgU.username}@${pgU.hostname}:${pgU.port || 5432}/${DB}`;
    const redisU = new URL(redisUrl);
    const ourRedis = `redis://${redisU.hostname}:${redisU.port || 6379}/0`;
    const logDir = mkdtempSync(join(os.tmpdir(), 'taskmill-peer-'));
    // Loopback without credentials, as --local serves by default (docs/security.md).
    const common = ['--postgres', ourPg, '--redis', ourRedis, '--set', `redis.stream_prefix=${PREFIX}`,
                    '--set', 'auth.local_anonymous=true'];
    const api = await startTaskmilld(bin, ['--role', 'api,scheduler', '-a', '127.0.0.1:0', ...common], join(logDir, 'api.log'));
    log(`taskmill: api ${api.url} (pid ${api.child.pid}), logs in ${logDir}`);
    const db = new pg.Pool({ connectionString: dbUrl(pgUrl, DB), max: 2 });
    db.on('error', (e) => log(`taskmill pool error: ${e.message}`));
    const redis = new Redis(ourRedis, { maxRetriesPerRequest: 2 });
    let seq = 0;

    const dropStreams = async () => {
      const keys = await redis.keys(`${PREFIX}:tasks:*`);
      if (keys.length) await redis.del(...keys);
    };

    return {
      versions: { taskmilld: version, pg: requireHarness('pg/package.json').version },
      config: {
        processes: 'taskmilld --role api,scheduler (whole run) + taskmilld --role executor --workers C per worker',
        postgres: `${ourPg} (harness server; every state change is a committed UPDATE)`,
        redis: `${ourRedis} stream prefix ${PREFIX}`,
        executor_set: executorSet,
        poll_ms: pollMs,
        priorities: 'HIGH/MEDIUM/LOW streams, executor.fairness_every default 8 unless --taskmill-set',
      },
      ackSemantics: `create acknowledged ${fast ? 'once Redis holds the entry (durability fast)' : 'once committed to PostgreSQL (durability durable)'}; job acked = row COMPLETED in PostgreSQL: completed_at of the recording UPDATE (committed, fsynced), read back by polling`,
      levels: LEVELS,

      async newQueue(tag) {
        return `pb_${tag}_${++seq}`;
      },

      async addOne(q, payload, level) {
        await post(`${api.url}/api/v1/tasks`, { type: 'noop', title: q, payload, ...durability, ...(level ? { priority: LEVELS[level] } : {}) });
      },

      async addMany(q, items) {
        await post(
          `${api.url}/api/v1/tasks/batch`,
          items.map((it) => ({ type: 'noop', title: q, payload: it.payload, ...durability, ...(it.level ? { priority: LEVELS[it.level] } : {}) })),
        );
      },

      async startWorker(q, { concurrency }, hooks) {
        const args2 = ['--role', 'executor', '--workers', String(concurrency), ...common];
        for (const kv of executorSet) args2.push('--set', kv);
        const exec = await startTaskmilld(bin, args2, join(logDir, 'executor.log'));
        // One executor has one recorder connection, so completed_at grows in commit order: rows newer than
        // the newest one seen are all that can be new. The count check catches anything else.
        const seen = new Set();
        let mark = 0;
        let lastCount = 0;
        const report = (rows) => {
          for (const r of rows) {
            if (seen.has(r.id)) continue;
            seen.add(r.id);
            if (r.c > mark) mark = r.c;
            hooks.onStart(r.payload, r.s);
            hooks.onAck(r.payload, r.c);
          }
        };
        const cols = `id, payload, (extract(epoch FROM started_at) * 1000)::float8 AS s,
                      (extract(epoch FROM completed_at) * 1000)::float8 AS c`;
        const poll = async (full) => {
          const { rows } = full
            ? await db.query(`SELECT ${cols} FROM tasks WHERE title = $1 AND status = 'COMPLETED' ORDER BY started_at, id`, [q])
            : await db.query(
                `SELECT ${cols} FROM tasks WHERE title = $1 AND status = 'COMPLETED'
                  AND completed_at > to_timestamp($2::float8 / 1000) ORDER BY started_at, id`,
                [q, mark],
              );
          report(rows);
        };
        let stopping = false;
        const loop = (async () => {
          let sinceCheck = now();
          while (!stopping) {
            try {
              await poll(false);
              if (now() - sinceCheck > 1000) {
                sinceCheck = now();
                const { rows } = await db.query(`SELECT count(*)::int AS n FROM tasks WHERE title = $1 AND status = 'COMPLETED'`, [q]);
                if (rows[0].n > seen.size && rows[0].n === lastCount) await poll(true);
                lastCount = rows[0].n;
              }
            } catch (e) {
              log(`taskmill poll: ${e.message}`);
            }
            await sleep(pollMs);
          }
        })();
        return {
          async stop() {
            await stopTaskmilld(exec.child);
            stopping = true;
            await loop;
            await poll(true); // whatever completed before the executor stopped
          },
        };
      },

      async dropQueue() {
        await dropStreams();
        await db.query('TRUNCATE tasks CASCADE');
        // The api's reconciler may have read rows just before the TRUNCATE and re-added their entries.
        await sleep(1200);
        await dropStreams();
      },

      async close() {
        await stopTaskmilld(api.child);
        await db.end().catch(() => {});
        redis.disconnect();
      },
    };
  },
};
}

export default make(false);
export const taskmillFast = make(true);
