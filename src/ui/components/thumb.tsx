// Item thumbnail from the platform's CDN (URLs were checked at ingest). Drawn as a CSS background over the
// platform's initial: nothing is fetched for rows the browser skips (content-visibility), a broken image
// leaves the initial showing, and no <img> element is ever made from shop data.

/** The URL as a CSS string, or undefined when it is not a plain https URL. */
export function cssImageUrl(src: string | undefined): string | undefined {
  if (!src) return undefined;
  try {
    const u = new URL(src);
    if (u.protocol !== 'https:' || /["\\\n\r]/.test(u.href)) return undefined;
    return `url("${u.href}")`;
  } catch {
    return undefined;
  }
}

export function Thumb({ src, fallback }: { src?: string; fallback: string }) {
  const bg = cssImageUrl(src);
  return (
    <span class="thumb" aria-hidden="true" style={bg ? { backgroundImage: bg } : undefined}>
      {bg ? '' : fallback.slice(0, 1)}
    </span>
  );
}
