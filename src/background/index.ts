// Background service worker (Chrome) / event page (Firefox). All listeners are registered synchronously at
// top level: a worker woken by an event must find its listener before the first await.
import { browser, type Runtime } from '../shared/browser';
import { routeMessage, type Handlers } from './router';
import type { Reply } from '../shared/messages';
import { captureStats, handleCapture, handleCapturePart, handleCaptureResponse, handleManualAdd, handlePageSeen } from './capture-handlers';
import { updateBadge } from './badge';
import { handleBackupCancel, handleBackupChunk, handleBackupRestore, handleBackupStream, handleDeleteAll } from './backup-handlers';
import { userActionHandlers } from './user-actions';
import { getDb } from '../db/schema';
import { ingest } from '../db/ingest';
import { afterChange, ensureAlarms, handleRefreshNow, noteCaptureFromTab, onAlarm, refreshOnce, visitPages } from './alarm-jobs';
import { loadSettings } from '../shared/settings-storage';
import { onNotificationButton, onNotificationClicked } from './notifier';
import { copyFromBackground } from './clipboard';
import { SETTINGS_KEY } from '../core/settings';
import { currentLocale, initLanguage, onLanguageChange } from '../shared/i18n';
import { loadAlertPrefs, onAlertPrefsChange } from '../shared/alert-prefs';

// Uncaught errors are kept for the test harness and the parser-health view (never sent anywhere).
const uncaught: string[] = [];
self.addEventListener('error', (e) => uncaught.push(String((e as ErrorEvent).message)));
self.addEventListener('unhandledrejection', (e) => uncaught.push(String((e as PromiseRejectionEvent).reason)));
Object.assign(globalThis, { __parcelHub: { captureStats, uncaught, currentLocale, getDb, ingest, updateBadge, refreshOnce, onAlarm, loadSettings, visitPages, onNotificationClicked: (id: string) => onNotificationClicked(getDb(), id), onNotificationButton: (id: string, index: number) => notificationButton(id, index) } });

/** A handler whose reply reports changes also updates notifications and the badge. */
const notifying =
  <A extends unknown[]>(fn: (...a: A) => Promise<Reply>) =>
  async (...a: A): Promise<Reply> => {
    const reply = await fn(...a);
    if (reply.ok && reply.changes) await afterChange();
    return reply;
  };

const handlers: Handlers = {
  'capture/batch': notifying((msg, ctx) => (noteCaptureFromTab(ctx.sender.tab?.id, 'batch'), handleCapture(msg))),
  'capture/response': notifying((msg, ctx) => (noteCaptureFromTab(ctx.sender.tab?.id, 'batch'), handleCaptureResponse(msg, ctx.sender.tab?.id))),
  'capture/part': (msg, ctx) => handleCapturePart(msg, ctx.sender.tab?.id),
  'capture/page-seen': (msg, ctx) => (noteCaptureFromTab(ctx.sender.tab?.id, 'seen'), handlePageSeen(msg)),
  'manual/add': notifying((msg) => handleManualAdd(msg)),
  'refresh/now': () => handleRefreshNow(),
  ping: async () => ({ ok: true }),
  'backup/restore': (msg) => handleBackupRestore(msg),
  'backup/chunk': (msg) => handleBackupChunk(msg),
  'backup/stream': (msg) => handleBackupStream(msg),
  'backup/cancel': (msg) => handleBackupCancel(msg),
  'data/delete-all': () => handleDeleteAll(),
  ...userActionHandlers,
};

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  routeMessage(message, sender, handlers, browser.runtime.id, browser.runtime.getURL('')),
);

browser.alarms.onAlarm.addListener((alarm) => onAlarm(alarm.name));
browser.notifications.onClicked.addListener((id) => void onNotificationClicked(getDb(), id));
// Firefox has no notification buttons (and no onButtonClicked).
const notificationButton = async (id: string, index: number) => onNotificationButton(getDb(), id, index, copyFromBackground, (await loadSettings()).alerts);
browser.notifications.onButtonClicked?.addListener((id, index) => void notificationButton(id, index));
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && SETTINGS_KEY in changes) void ensureAlarms();
});

// The language setting: the badge tooltip follows a change at once (notifications read it when shown).
void initLanguage();
onLanguageChange(() => void updateBadge());
// An alert kind switched on or off, or a threshold changed, in the options page: the badge counts what the popup shows.
void loadAlertPrefs();
onAlertPrefsChange(() => void updateBadge());

browser.runtime.onInstalled.addListener(() => void Promise.all([updateBadge(), ensureAlarms()]));
browser.runtime.onStartup.addListener(() => void Promise.all([updateBadge(), ensureAlarms(), afterChange()]));
