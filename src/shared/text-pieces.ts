// A byte stream's text in pieces of about `chars` characters, decoded as UTF-8 as it is read (never whole).
// The options page reads a backup file this way when it must send the text itself; the background reads
// the same file through the page's blob: URL (pieces never cross a message: one message of a 1 M-character
// piece costs seconds on a loaded machine, see bench/profiles/restore.md).
export interface TextPiece {
  text: string;
  /** Bytes read so far, this piece included. */
  bytes: number;
}

/** Characters per piece: small enough for steady progress and a bounded heap, large enough that steps are few. */
export const PIECE_CHARS = 1024 * 1024;

/** Yields at least one piece (the last may be empty); throws on bytes that are not UTF-8. */
export async function* textPieces(stream: ReadableStream<Uint8Array>, chars = PIECE_CHARS): AsyncGenerator<TextPiece> {
  const reader = stream.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
      if (text.length >= chars) {
        yield { text, bytes };
        text = '';
      }
    }
    text += decoder.decode();
    yield { text, bytes };
  } finally {
    // Stopped early (cancel, error): let go of the file.
    await reader.cancel().catch(() => undefined);
  }
}
