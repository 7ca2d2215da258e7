// The message protocol between content scripts, extension pages and the background. Every message is
// validated by the background router (src/background/router.ts) before anything acts on it.
import * as v from 'valibot';
import { ObservationBatchSchema } from '../core/observation-schema';
import { PLATFORMS } from '../core/model';

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

export const MessageSchema = v.variant('type', [
  CaptureMessageSchema,
  PageSeenMessageSchema,
  ManualAddMessageSchema,
  PingMessageSchema,
]);

export type Message = v.InferOutput<typeof MessageSchema>;
export type CaptureMessage = v.InferOutput<typeof CaptureMessageSchema>;

export type Reply =
  | { ok: true; changes?: number; parcels?: number; orders?: number }
  | { ok: false; error: string };

/** Which contexts may send each message type. */
export const MESSAGE_ORIGIN: Record<Message['type'], 'content' | 'extension' | 'any'> = {
  'capture/batch': 'content',
  'capture/page-seen': 'content',
  'manual/add': 'extension',
  ping: 'any',
};
