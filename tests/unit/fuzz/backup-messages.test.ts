// Fuzz the two doors that take whole documents from outside: a backup file (options page → restore) and
// runtime messages (content scripts and extension pages → the background router). Inputs are real data,
// mutated (keys deleted or renamed to __proto__, types changed, strings truncated, huge strings), and text
// damage. Nothing may throw; whatever gets through must be well-formed.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { routeMessage, type Handlers, type SenderInfo } from '../../../src/background/router';
import { toBatch } from '../../../src/capture/sanitize';
import { applyUserFields, backupToBatches, backupToJson, createBackup, createdParcelKeys, validateBackup } from '../../../src/core/backup';
import { MemoryMergeState } from '../../../src/core/merge';
import { normalizeBatch } from '../../../src/core/normalize';
import { ObservationBatchSchema, validateBatch } from '../../../src/core/observation-schema';
import { platformForUrl } from '../../../src/platforms/url-match';
import { createDouyinAdapter } from '../../../src/platforms/douyin';
import { createKuaishouAdapter } from '../../../src/platforms/kuaishou';
import { MessageSchema, MESSAGE_ORIGIN } from '../../../src/shared/messages';
import { damage, fixtureText, FUZZ_TIMEOUT, mutate, mutation, notPolluted, runs, stateProblems, textDamage } from './helpers';

vi.setConfig({ testTimeout: FUZZ_TIMEOUT });

const NOW = Date.UTC(2024, 10, 25, 4);

/** A real database: the Douyin and Kuaishou list fixtures, captured and merged, with a note and an archive. */
function buildRealState(): MemoryMergeState {
  const s = new MemoryMergeState();
  const cases = [
    [createDouyinAdapter({ now: () => NOW }), 'douyin/order-list-page1.json', 'https://haohuo.jinritemai.com/aweme/v1/commerce/order/newList/?page=1'],
    [createKuaishouAdapter({ now: () => NOW }), 'kuaishou/order-list-page1.json', 'https://app.kwaixiaodian.com/rest/app/grocery/order/buyer/list'],
  ] as const;
  for (const [adapter, file, url] of cases) {
    const r = adapter.parsePayload(fixtureText(file), new URL(url), new URL(url))!;
    const valid = validateBatch(toBatch(adapter.id, r, url, NOW).batch);
    if (!valid.ok) throw new Error(valid.error);
    s.ingest(normalizeBatch(valid.value).batch, NOW);
  }
  const [first, second] = [...s.parcels.values()];
  s.parcels.set(first.key, { ...first, note: '放门口 <b>别敲门</b>' });
  s.parcels.set(second.key, { ...second, archived: 1 });
  return s;
}

// Built once and copied per run: capturing the fixtures again for every run made the property take most of
// the default 5 s test timeout, so a busy machine failed it ("Test timed out in 5000ms").
let real: MemoryMergeState | undefined;
function realState(): MemoryMergeState {
  real ??= buildRealState();
  const s = new MemoryMergeState();
  s.apply(structuredClone({ orders: [...real.orders.values()], parcels: [...real.parcels.values()], events: real.allEvents(), removedParcelKeys: [], changes: [] }));
  return s;
}

describe('backup restore fuzz', () => {
  const state = realState();
  const good = backupToJson(createBackup([...state.orders.values()], [...state.parcels.values()], state.allEvents(), NOW));
  const tree = JSON.parse(good) as unknown;

  /** The options page's restore, in memory: validate → batches → merge → user fields. */
  function restoreInto(text: string, into: MemoryMergeState): string[] {
    const r = validateBackup(text);
    expect(typeof r.ok).toBe('boolean');
    if (!r.ok) {
      expect(typeof r.error).toBe('string');
      return [];
    }
    const plan = backupToBatches(r.backup);
    const results = plan.batches.map((b) => into.ingest(b, NOW + 1000));
    into.apply({ orders: [], parcels: applyUserFields(into, plan.userFields, createdParcelKeys(results)), events: [], removedParcelKeys: [], changes: [] });
    return stateProblems(into, NOW + 2000);
  }

  it('the real backup restores cleanly (so the mutations start from something that works)', () => {
    expect(state.parcels.size).toBeGreaterThan(3);
    expect(restoreInto(good, new MemoryMergeState())).toEqual([]);
  });

  it('mutated backups: never throw; what validates restores into consistent records, into an empty store and over existing data', () => {
    let restored = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), fc.boolean(), (ms, over) => {
        const text = JSON.stringify(mutate(tree, ms));
        const into = over ? realState() : new MemoryMergeState();
        if (validateBackup(text).ok) restored++;
        expect(restoreInto(text, into)).toEqual([]);
        expect(notPolluted()).toBe(true);
      }),
      runs(200),
    );
    expect(restored).toBeGreaterThan(0);
  });

  it('damaged files (cut, spliced, __proto__ injected, huge): never throw, and are refused or restore cleanly', () => {
    fc.assert(
      fc.property(textDamage, (d) => {
        expect(restoreInto(damage(good, d), new MemoryMergeState())).toEqual([]);
      }),
      runs(100),
    );
    const proto = good.replace('"orders":[', '"orders":[{"__proto__":{"polluted":1}},');
    expect(validateBackup(proto)).toMatchObject({ ok: false, error: expect.stringContaining('__proto__') });
    expect(validateBackup(good, 1000)).toMatchObject({ ok: false, error: expect.stringContaining('too large') });
  });
});

describe('message router fuzz', () => {
  const RUNTIME = 'abcdefghijklmnop';
  const ORIGIN = `chrome-extension://${RUNTIME}/`;
  const TB = 'https://buyertrade.taobao.com/trade/itemlist/list_bought_items.htm';
  const senders: SenderInfo[] = [
    { id: RUNTIME, url: TB, tab: { url: TB } }, // our Taobao content script
    { id: RUNTIME, url: 'https://haohuo.jinritemai.com/views/order/list', tab: { url: 'https://haohuo.jinritemai.com/views/order/list' } },
    { id: RUNTIME, url: `${ORIGIN}popup.html` }, // an extension page
    { id: RUNTIME, url: 'https://ads.example/frame', tab: { url: TB } }, // a foreign frame in a Taobao tab
    { url: 'https://evil.example/' }, // a web page
    { id: 'another-extension', url: TB, tab: { url: TB } },
  ];
  const batch = { platform: 'taobao', source: 'list', url: 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/', observedAt: NOW, orders: [{ orderId: '4012345678901234567', shopName: '小米官方旗舰店', items: [{ title: '小米手环9' }] }], parcels: [{ trackingNo: '73100059800035', carrierName: '中通快递', orderIds: ['4012345678901234567'], events: [{ time: NOW, text: '已揽收' }] }] };
  const samples: unknown[] = [
    { type: 'capture/batch', batch, diagnostics: [{ kind: 'partial', message: 'x', shape: ['data.list[]'] }] },
    { type: 'capture/page-seen', platform: 'taobao', url: TB, signedIn: true },
    { type: 'manual/add', batch: { ...batch, platform: 'manual', source: 'manual', url: '' } },
    { type: 'ping' },
    { type: 'backup/restore', text: '{}' },
    { type: 'backup/chunk', upload: 'u1', index: 0, text: '{}' },
    { type: 'backup/stream', session: 's1', pass: 'check', index: 0, text: '{}', end: true },
    { type: 'backup/cancel', session: 's1' },
    { type: 'capture/response', platform: 'taobao', pageUrl: TB, url: 'https://h5api.m.taobao.com/h5/mtop.taobao.order.queryboughtlistv2/1.0/', kind: 'fetch', parsed: false, body: '{}' },
    { type: 'capture/part', id: 'p1', index: 0, text: '{' },
    { type: 'data/delete-all' },
    { type: 'parcel/archive', key: 'zto:73100059800035', archived: true },
    { type: 'parcel/note', key: 'zto:73100059800035', note: '<b>hi</b>' },
    { type: 'parcel/collected', key: 'zto:73100059800035' },
    { type: 'parcel/carrier', key: 'unknown:300527476792', carrier: 'ane' },
    { type: 'refresh/now' },
    { type: 'parcel/phone-tail', key: 'zto:73100059800035', phoneTail: '5678' },
  ];

  function handlers() {
    const calls: { msg: unknown; tabPlatform?: string }[] = [];
    const h = Object.fromEntries(
      Object.keys(MESSAGE_ORIGIN).map((t) => [t, vi.fn(async (msg: unknown, ctx: { tabPlatform?: string }) => (calls.push({ msg, tabPlatform: ctx.tabPlatform }), { ok: true as const }))]),
    ) as unknown as Handlers;
    return { h, calls };
  }

  it('every sample type is covered and accepted from its rightful sender', async () => {
    expect(new Set(samples.map((s) => (s as { type: string }).type))).toEqual(new Set(Object.keys(MESSAGE_ORIGIN)));
    for (const s of samples) {
      const { h, calls } = handlers();
      const type = (s as { type: string }).type;
      const from = MESSAGE_ORIGIN[type as keyof typeof MESSAGE_ORIGIN] === 'extension' ? senders[2] : senders[0];
      expect(await routeMessage(s, from, h, RUNTIME, ORIGIN), type).toEqual({ ok: true });
      expect(calls).toHaveLength(1);
    }
  });

  it('mutated messages from any sender: never throws; a handler only ever sees valid messages from allowed senders', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.array(mutation, { maxLength: 5 }), async (i, j, ms) => {
        const sender = senders[j % senders.length];
        const raw = mutate(samples[i % samples.length], ms);
        const { h, calls } = handlers();
        const reply = await routeMessage(raw, sender, h, RUNTIME, ORIGIN);
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) expect(calls).toEqual([]);
        for (const c of calls) {
          expect(v.safeParse(MessageSchema, c.msg).success).toBe(true);
          const m = c.msg as { type: string; batch?: { platform: string; url: string } };
          const origin = MESSAGE_ORIGIN[m.type as keyof typeof MESSAGE_ORIGIN];
          expect(sender.id).toBe(RUNTIME);
          if (origin === 'extension') expect(sender.url?.startsWith(ORIGIN)).toBe(true);
          if (m.type === 'capture/batch') {
            expect(v.safeParse(ObservationBatchSchema, m.batch).success).toBe(true);
            expect(m.batch!.platform).toBe(c.tabPlatform);
            expect(platformForUrl(m.batch!.url)).toBe(c.tabPlatform);
          }
        }
        expect(notPolluted()).toBe(true);
      }),
      runs(400),
    );
  });

  it('arbitrary values: never throws, never reaches a handler', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.anything(), fc.json().map((j) => JSON.parse(j) as unknown)), fc.nat(), async (raw, j) => {
        const { h, calls } = handlers();
        const reply = await routeMessage(raw, senders[j % senders.length], h, RUNTIME, ORIGIN);
        if (raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'ping') return;
        expect(reply.ok).toBe(false);
        expect(calls).toEqual([]);
      }),
      runs(300),
    );
  });
});
