// Pure body decoding shared by the content script's follow-ups and the background refresh sources (no
// extension APIs here, so both can import it).

/** Decode a body by its declared charset; Taobao's JSON endpoints answer in GBK. */
export function decodeBody(buf: ArrayBuffer, contentType: string | null, fallback = 'gbk'): string {
  const charset = /charset=([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? fallback;
  try {
    return new TextDecoder(charset).decode(buf);
  } catch {
    return new TextDecoder('utf-8').decode(buf);
  }
}
