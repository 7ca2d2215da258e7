// The message protocol between content scripts, extension pages and the background. Every message is
// validated by the background router (src/background/router.ts) before anything acts on it.
import * as v from 'valibot';
import { ObservationBatchSchema } from '../core/observation-schema';
import { PLATFORMS } from '../core/model';
import { SHOP_PLATFORMS } from '../core/settings';
import { BACKUP_CHUNK_CHARS, type RestoreReport } from '../core/backup';
import type { StreamTotals } from '../core/backup-stream';
import { CAPTURE_PART_CHARS, MAX_BODY_CHARS } from '../capture/channel-protocol';
import type { FollowUp } from '../platforms/types';

const DiagnosticInputSchema = v.object({
  kind: v.picklist(['unrecognized', 'partial', 'risk_control', 'signed_out', 'error']),
  message: v.pipe(v.string(), v.maxLength(500)),
  shape: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(100))),
});

/** Content script → background: what one page or response yielded. */
export const CaptureMessageSchema = v.object({
  type: v.literal('capture/batch'),
  batch: ObservationBatchSchema,
  diagnostics: v.pipe(v.array(DiagnosticInputSchema), v.maxLength(50)),
});

/** Content script → background: a response the page loaded, copied by the hook, for the background to read
 * (parsing a large answer in the page would stall it). Checked again there: platform host, page kind. */
export const CaptureResponseMessageSchema = v.object({
  type: v.literal('capture/response'),
  platform: v.picklist(SHOP_PLATFORMS),
  pageUrl: v.pipe(v.string(), v.maxLength(4096)),
  url: v.pipe(v.string(), v.maxLength(4096)),
  kind: v.picklist(['fetch', 'xhr', 'jsonp']),
  parsed: v.boolean(),
  body: v.pipe(v.string(), v.maxLength(MAX_BODY_CHARS)),
  /** The body was sent before in `count` capture/part messages (then `body` is empty). */
  parts: v.optional(v.object({ id: v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/)), count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)) })),
});

/** Content script → background: one piece of a large copied response (see CaptureResponseMessageSchema). */
export const CapturePartMessageSchema = v.object({
  type: v.literal('capture/part'),
  id: v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/)),
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
  text: v.pipe(v.string(), v.maxLength(CAPTURE_PART_CHARS)),
});

/** Content script → background: a page was read but had nothing (still counts as "platform seen"). */
export const PageSeenMessageSchema = v.object({
  type: v.literal('capture/page-seen'),
  platform: v.picklist(PLATFORMS),
  url: v.pipe(v.string(), v.maxLength(4096)),
  signedIn: v.optional(v.boolean()),
});

/** Extension page → background: add parcels the user pasted / typed (already parsed into a batch). */
export const ManualAddMessageSchema = v.object({
  type: v.literal('manual/add'),
  batch: ObservationBatchSchema,
});

export const PingMessageSchema = v.object({ type: v.literal('ping') });

const UploadIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{1,40}$/));

/** Options page → background: one piece of a backup file's text (pieces of an upload are sent in order). */
export const BackupChunkMessageSchema = v.object({
  type: v.literal('backup/chunk'),
  upload: UploadIdSchema,
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
  text: v.pipe(v.string(), v.maxLength(BACKUP_CHUNK_CHARS)),
});

/** Options page → background: restore a JSON backup — a small file's text, or the `chunks` pieces of an
 * upload sent before (validated again by the background). */
export const BackupRestoreMessageSchema = v.object({
  type: v.literal('backup/restore'),
  text: v.optional(v.pipe(v.string(), v.maxLength(BACKUP_CHUNK_CHARS))),
  upload: v.optional(UploadIdSchema),
  chunks: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))),
});

/** Options page → background: one step of a streamed (version 2) backup, in order. Pass 'check' reads the
 * whole file first and writes nothing; pass 'write' (same session, after a check that passed) writes each
 * group as it completes. Each step carries the next piece of the file's `text` (`end` marks the last piece
 * of a pass), or names the `file` itself — a blob: URL the options page made of it, read by the background
 * one piece per step (the reply says `end` when the pass is done), so the text never crosses a message. */
export const BackupStreamMessageSchema = v.object({
  type: v.literal('backup/stream'),
  session: UploadIdSchema,
  pass: v.picklist(['check', 'write']),
  index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000)),
  text: v.optional(v.pipe(v.string(), v.maxLength(BACKUP_CHUNK_CHARS))),
  file: v.optional(v.pipe(v.string(), v.maxLength(300), v.startsWith('blob:'))),
  end: v.boolean(),
});

/** The start of the error a background that cannot read the options page's blob: URL answers (then the page
 * sends the text itself). */
export const FILE_UNREADABLE = 'backup file not readable by the background';

/** Options page → background: stop a streamed restore (groups already written stay). */
export const BackupCancelMessageSchema = v.object({ type: v.literal('backup/cancel'), session: UploadIdSchema });

/** Options page → background: delete every order, parcel and event (after the user confirmed). */
export const DeleteAllMessageSchema = v.object({ type: v.literal('data/delete-all') });

const ParcelKeySchema = v.pipe(v.string(), v.minLength(1), v.maxLength(120));

/** Popup → background: archive or unarchive a parcel. */
export const ParcelArchiveMessageSchema = v.object({ type: v.literal('parcel/archive'), key: ParcelKeySchema, archived: v.boolean() });
/** Popup → background: set (or clear, with '') the user's note on a parcel. */
export const ParcelNoteMessageSchema = v.object({ type: v.literal('parcel/note'), key: ParcelKeySchema, note: v.pipe(v.string(), v.maxLength(1000)) });
/** Popup → background: the shopper collected a parcel from its station / locker. */
export const ParcelCollectedMessageSchema = v.object({ type: v.literal('parcel/collected'), key: ParcelKeySchema });
/** Popup → background: the shopper picked the carrier of an ambiguous tracking number. */
export const ParcelCarrierMessageSchema = v.object({
  type: v.literal('parcel/carrier'),
  key: ParcelKeySchema,
  carrier: v.pipe(v.string(), v.minLength(1), v.maxLength(40)),
});

/** Popup → background: refresh every moving parcel now (progress in meta `refresh:progress`). */
export const RefreshNowMessageSchema = v.object({ type: v.literal('refresh/now') });
/** Popup → background: the receiver phone's last 4 digits, which SF/ZTO queries at Kuaidi100 need. */
export const ParcelPhoneTailMessageSchema = v.object({
  type: v.literal('parcel/phone-tail'),
  key: ParcelKeySchema,
  phoneTail: v.pipe(v.string(), v.regex(/^\d{4}$/)),
});

export const MessageSchema = v.variant('type', [
  RefreshNowMessageSchema,
  ParcelPhoneTailMessageSchema,
  CaptureMessageSchema,
  CaptureResponseMessageSchema,
  CapturePartMessageSchema,
  PageSeenMessageSchema,
  ManualAddMessageSchema,
  PingMessageSchema,
  BackupRestoreMessageSchema,
  BackupChunkMessageSchema,
  BackupStreamMessageSchema,
  BackupCancelMessageSchema,
  DeleteAllMessageSchema,
  ParcelArchiveMessageSchema,
  ParcelNoteMessageSchema,
  ParcelCollectedMessageSchema,
  ParcelCarrierMessageSchema,
]);

export type Message = v.InferOutput<typeof MessageSchema>;
export type CaptureMessage = v.InferOutput<typeof CaptureMessageSchema>;

export type Reply =
  | {
      ok: true;
      changes?: number;
      parcels?: number;
      orders?: number;
      report?: RestoreReport;
      followUps?: FollowUp[];
      written?: StreamTotals;
      totals?: StreamTotals;
      /** backup/stream: bytes of the file read so far (file steps), and whether the pass is done. */
      read?: number;
      end?: boolean;
    }
  | { ok: false; error: string };

/** Which contexts may send each message type. */
export const MESSAGE_ORIGIN: Record<Message['type'], 'content' | 'extension' | 'any'> = {
  'capture/batch': 'content',
  'capture/response': 'content',
  'capture/part': 'content',
  'capture/page-seen': 'content',
  'manual/add': 'extension',
  ping: 'any',
  'backup/restore': 'extension',
  'backup/chunk': 'extension',
  'backup/stream': 'extension',
  'backup/cancel': 'extension',
  'data/delete-all': 'extension',
  'parcel/archive': 'extension',
  'parcel/note': 'extension',
  'parcel/collected': 'extension',
  'parcel/carrier': 'extension',
  'refresh/now': 'extension',
  'parcel/phone-tail': 'extension',
};
