// Per-platform capture state (meta `platform:<id>`): read, patched and written in one transaction, by the
// capture handlers (pages read, sign-in seen) and the refresh scheduler (a signed-out answer).
import type { Platform } from '../core/model';
import type { ParcelHubDb, PlatformStateValue } from './schema';
import { getMeta, platformKey, putMeta } from './meta';

export async function updatePlatformState(db: ParcelHubDb, platform: Platform, patch: (s: PlatformStateValue) => void): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const key = platformKey(platform);
    const value: PlatformStateValue = (await getMeta(db, key)) ?? { platform, pagesRead: 0, parcelsSeen: 0 };
    patch(value);
    await putMeta(db, key, value);
  });
}
