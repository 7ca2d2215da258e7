// Background service worker (Chrome) / event page (Firefox). All listeners are registered synchronously at
// top level: a worker woken by an event must find its listener before the first await.
import { browser, type Runtime } from '../shared/browser';
import { routeMessage, type Handlers } from './router';
import { handleCapture, handleManualAdd, handlePageSeen } from './capture-handlers';
import { updateBadge } from './badge';
import { handleBackupRestore, handleDeleteAll } from './backup-handlers';
import { userActionHandlers } from './user-actions';
import { getDb } from '../db/schema';

// Uncaught errors are kept for the test harness and the parser-health view (never sent anywhere).
const uncaught: string[] = [];
self.addEventListener('error', (e) => uncaught.push(String((e as ErrorEvent).message)));
self.addEventListener('unhandledrejection', (e) => uncaught.push(String((e as PromiseRejectionEvent).reason)));
Object.assign(globalThis, { __parcelHub: { uncaught, getDb, updateBadge } });

const handlers: Handlers = {
  'capture/batch': (msg) => handleCapture(msg),
  'capture/page-seen': (msg) => handlePageSeen(msg),
  'manual/add': (msg) => handleManualAdd(msg),
  ping: async () => ({ ok: true }),
  'backup/restore': (msg) => handleBackupRestore(msg),
  'data/delete-all': () => handleDeleteAll(),
  ...userActionHandlers,
};

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  routeMessage(message, sender, handlers, browser.runtime.id, browser.runtime.getURL('')),
);

browser.runtime.onInstalled.addListener(() => void updateBadge());
browser.runtime.onStartup.addListener(() => void updateBadge());
