// Draws the Parcel Hub icon (an orange rounded square with a white parcel) as PNGs into public/icons/.
// Run once when the design changes; the PNGs are committed. Pure Node: zlib + a tiny PNG encoder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// Coordinates in a 0..1 box.
function icon(px, py, size) {
  const x = px / size, y = py / size;
  const r = 0.2, inset = 0.04;
  const dx = Math.max(inset + r - x, 0, x - (1 - inset - r));
  const dy = Math.max(inset + r - y, 0, y - (1 - inset - r));
  if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  const orange = [255, 106, 0, 255];
  const white = [255, 255, 255, 255];
  const tape = [255, 200, 150, 255];
  // parcel body
  const inBox = x > 0.22 && x < 0.78 && y > 0.36 && y < 0.78;
  const inLid = x > 0.18 && x < 0.82 && y > 0.24 && y < 0.38;
  if (inBox || inLid) return Math.abs(x - 0.5) < 0.06 ? tape : white;
  return orange;
}

mkdirSync('public/icons', { recursive: true });
for (const s of [16, 32, 48, 128]) writeFileSync(`public/icons/icon-${s}.png`, png(s, icon));
console.log('icons written');
