/**
 * Loads the pilot-region demo network into an empty database (`npm start` on a fresh clone).
 * The dates are generated relative to today so that the demo's follow-ups look current.
 */
import type { Database } from './db/driver';
import { countsByLabel } from './db/schema';
import { log } from './log';

export const DEMO_SEED = 1;

export async function seedIfEmpty(db: Database): Promise<boolean> {
  const counts = await countsByLabel(db);
  if ((counts.Region ?? 0) > 0) return false;
  const { generateNetwork } = await import('../seeds/generator');
  const { importDataset } = await import('./import/index');
  const asOf = new Date().toISOString().slice(0, 10);
  log.info(
    { scale: 'pilot', seed: DEMO_SEED, asOf },
    'Empty database: loading the pilot-region demo',
  );
  const { dataset } = generateNetwork({ scale: 'pilot', seed: DEMO_SEED, asOf });
  let lastLogged = 0;
  const result = await importDataset(db, dataset, {
    onProgress: ({ phase, done, total }) => {
      const now = Date.now();
      if (now - lastLogged > 1000 || done === total) {
        lastLogged = now;
        log.info({ phase, done, total }, 'seeding');
      }
    },
  });
  if (result.errors.length > 0) {
    throw new Error(`the demo seed did not validate: ${JSON.stringify(result.errors.slice(0, 5))}`);
  }
  log.info({ created: result.created }, 'Pilot-region demo loaded');
  return true;
}
