// The toolbar badge counts parcels that need the shopper (waiting for pickup + needs attention).
import { needsUserCount } from '../core/sections';
import { getDb } from '../db/schema';
import { browser } from '../shared/browser';

export async function badgeCount(): Promise<number> {
  // Stalled parcels need the user too, so every parcel still on the list is a candidate.
  const candidates = await getDb().parcels.where('archived').equals(0).toArray();
  return needsUserCount(candidates);
}

export async function updateBadge(): Promise<number> {
  const n = await badgeCount();
  try {
    await browser.action.setBadgeBackgroundColor({ color: '#ff6a00' });
    await browser.action.setBadgeText({ text: n ? String(Math.min(n, 999)) : '' });
  } catch {
    // action API unavailable (tests without it): the count is still returned
  }
  return n;
}
