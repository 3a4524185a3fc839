/**
 * A listing's storage timeout is each page's, not the whole listing's: a big programme's partition
 * takes many pages, and one deadline for all of them turned every cold read of a 2,000-activity
 * programme during a sync into a 503. Storage that stops answering still fails within the timeout.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { TransactionAction } from '@azure/data-tables';
import { StorageUnavailableError } from '../../backend/errors';
import { Tables } from '../../backend/store/tables';
import { testConnectionString } from '../helpers/server';

/** Azurite behind a proxy that holds every answer `delayMs` (or forever once `hang` is set). */
async function slowStorage(delayMs: number) {
  const target = new URL(/TableEndpoint=([^;]+)/.exec(testConnectionString())![1]!);
  const state = { hang: false };
  const server = http.createServer((req, res) => {
    const forward = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        if (state.hang) return;
        setTimeout(() => {
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(res);
        }, delayMs);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const connectionString = testConnectionString().replace(
    /TableEndpoint=[^;]+/,
    `TableEndpoint=http://127.0.0.1:${port}${target.pathname}`,
  );
  return {
    connectionString,
    state,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

it('reads a listing of many pages whose sum outlasts the timeout, and fails once a page does', async () => {
  const prefix = `d${Date.now().toString(36)}`;
  const direct = new Tables({ connectionString: testConnectionString(), tablePrefix: prefix });
  await direct.ensureTables();
  // 3,500 rows: four pages of at most 1,000.
  const actions = Array.from({ length: 3500 }, (_, i): TransactionAction => [
    'create',
    { partitionKey: 'p', rowKey: String(i).padStart(5, '0'), n: i },
  ]);
  await direct.submit('activities', 'p', actions);

  const slow = await slowStorage(250);
  try {
    const tables = new Tables({
      connectionString: slow.connectionString,
      tablePrefix: prefix,
      timeoutMs: 600,
    });
    // Four pages of 250 ms or more: over 600 ms in all, each well under it.
    const rows = await tables.list('activities', "PartitionKey eq 'p'");
    expect(rows).toHaveLength(3500);
    slow.state.hang = true;
    await expect(tables.list('activities', "PartitionKey eq 'p'")).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
  } finally {
    slow.close();
  }
});
