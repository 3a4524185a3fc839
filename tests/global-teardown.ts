import type { AzuriteHandle } from '../tools/dev/azurite';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __azurite?: AzuriteHandle }).__azurite?.stop();
}
