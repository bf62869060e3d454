// Databases of their own for benchmarks on a PostgreSQL server: created fresh for a run, dropped
// after it, so a benchmark never measures (or damages) anyone's data.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs `work` with a client connected to the server's maintenance database, then disconnects. */
export const withAdminClient = async (serverUrl, work) => {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** A fresh database on the server of `serverUrl`: its name, its URL, and how to drop it. */
export const freshDatabase = async (serverUrl, prefix) => {
  // Hex only, so the name needs no quoting; random, so parallel runs cannot collide.
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.href,
    drop: () =>
      withAdminClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`)),
  };
};
