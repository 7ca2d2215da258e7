// Fake browser APIs (storage, alarms, notifications, runtime) and an in-memory IndexedDB for unit tests.
import 'fake-indexeddb/auto';
import '@webext-core/fake-browser/auto';
