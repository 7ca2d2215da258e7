// Per-platform capture state (meta `platform:<id>`): read, patched and written in one transaction, by the
// capture handlers (pages read, sign-in seen) and the refresh scheduler (a signed-out answer).
import type { Platform } from '../core/model';
import type { ParcelHubDb, PlatformStateValue } from './schema';

export async function updatePlatformState(db: ParcelHubDb, platform: Platform, patch: (s: PlatformStateValue) => void): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const key = `platform:${platform}`;
    const row = await db.meta.get(key);
    const value: PlatformStateValue = (row?.value as PlatformStateValue) ?? { platform, pagesRead: 0, parcelsSeen: 0 };
    patch(value);
    await db.meta.put({ key, value });
  });
}
