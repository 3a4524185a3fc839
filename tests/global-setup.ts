/** Starts one in-memory Azurite on free ports for the whole test run; tests find it in PAT_TEST_STORAGE. */
import { freePort, startAzurite } from '../tools/dev/azurite';

export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite({
    blobPort: await freePort(),
    tablePort: await freePort(),
    queuePort: await freePort(),
  });
  process.env.PAT_TEST_STORAGE = azurite.connectionString;
  (globalThis as { __azurite?: typeof azurite }).__azurite = azurite;
}
