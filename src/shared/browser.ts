// The single import site of webextension-polyfill: in Chrome it wraps `chrome.*` in promises, in Firefox it
// returns the native `browser`. Never import this from the MAIN-world hook (no extension APIs there).
import browser from 'webextension-polyfill';

export { browser };
export type { Notifications, Runtime, Tabs } from 'webextension-polyfill';
